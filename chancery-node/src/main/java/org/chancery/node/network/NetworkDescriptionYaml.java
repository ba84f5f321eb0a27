package org.chancery.node.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chancery.core.config.ConfigException;
import org.chancery.core.config.YamlTree;
import org.chancery.core.config.YamlWriter;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.EvidenceParameters;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.genesis.GovernancePolicy;
import org.chancery.core.genesis.TransactionParameters;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.node.network.NetworkDescription.NodeSpec;
import org.chancery.node.network.NetworkDescription.OrganisationSpec;
import org.chancery.node.network.NetworkDescription.PkiSettings;
import org.chancery.node.network.NetworkDescription.UserSpec;

/**
 * Reads a network description from YAML, checking every field and naming the line and field of the
 * first problem, and writes one back. The format is documented in {@code docs/network-init.md}.
 *
 * <pre>{@code
 * NetworkDescription d = NetworkDescriptionYaml.parse("network.yaml", Files.readString(path));
 * String yaml = NetworkDescriptionYaml.render(d);
 * }</pre>
 */
public final class NetworkDescriptionYaml {
  private static final long MAX_MS = 3_600_000;

  private NetworkDescriptionYaml() {}

  /**
   * Parses and checks a network description.
   *
   * @param source file name for error messages
   * @throws ConfigException naming file, line and field of the first problem
   */
  public static NetworkDescription parse(String source, String text) {
    YamlTree root = YamlTree.parse(source, text);
    root.allowOnly(
        "chainId",
        "suite",
        "organisations",
        "consensus",
        "transactions",
        "governance",
        "pki",
        "evidence");

    YamlTree chainIdNode = root.require("chainId");
    String chainId = chainIdNode.asString();
    if (!GenesisCodec.CHAIN_ID.matcher(chainId).matches()) {
      throw chainIdNode.error(
          "must be 1-63 characters of a-z, 0-9, '.', '-', starting with a letter or digit, got '"
              + chainId
              + "'");
    }
    String suite = root.optionalString("suite", "sm");
    if (!CryptoSuite.NAMES.contains(suite)) {
      throw root.require("suite")
          .error("must be one of " + CryptoSuite.NAMES + ", got '" + suite + "'");
    }

    ConsensusParameters consensus = consensus(root);
    List<OrganisationSpec> organisations = organisations(root);
    checkNetwork(root, organisations, consensus.type());

    TransactionParameters defaults = TransactionParameters.defaults();
    TransactionParameters transactions = defaults;
    if (root.has("transactions")) {
      YamlTree t = root.require("transactions").requireMapping();
      t.allowOnly("validityWindowSeconds", "maxTxBytes");
      transactions =
          new TransactionParameters(
              t.optionalLong("validityWindowSeconds", defaults.validityWindowSeconds(), 1, 86_400),
              t.optionalInt("maxTxBytes", defaults.maxTxBytes(), 256, 64 * 1024 * 1024));
      if (transactions.maxTxBytes() > consensus.maxBlockBytes()) {
        throw t.require("maxTxBytes")
            .error("must not exceed consensus.maxBlockBytes (" + consensus.maxBlockBytes() + ")");
      }
    }

    GovernancePolicy governance = GovernancePolicy.majority();
    if (root.has("governance")) {
      YamlTree g = root.require("governance").requireMapping();
      g.allowOnly("rule", "threshold");
      String ruleName = g.optionalString("rule", "majority");
      GovernancePolicy.Rule rule = GovernancePolicy.Rule.fromWireName(ruleName);
      if (rule == null) {
        throw g.require("rule").error("must be majority, all or threshold, got '" + ruleName + "'");
      }
      int threshold = 0;
      if (rule == GovernancePolicy.Rule.THRESHOLD) {
        threshold = g.requireInt("threshold", 1, organisations.size());
      } else if (g.has("threshold")) {
        throw g.require("threshold").error("only applies with rule: threshold");
      }
      governance = new GovernancePolicy(rule, threshold);
    }

    PkiSettings pki = PkiSettings.defaults();
    if (root.has("pki")) {
      YamlTree p = root.require("pki").requireMapping();
      p.allowOnly("caValidityDays", "certificateValidityDays");
      int ca = p.optionalInt("caValidityDays", pki.caValidityDays(), 1, 36_500);
      int leaf = p.optionalInt("certificateValidityDays", pki.certificateValidityDays(), 1, ca);
      pki = new PkiSettings(ca, leaf);
    }
    EvidenceParameters evidence = EvidenceParameters.defaults();
    if (root.has("evidence")) {
      YamlTree e = root.require("evidence").requireMapping();
      e.allowOnly("maxBatchDeposits", "maxMetadataBytes");
      evidence =
          new EvidenceParameters(
              e.optionalInt(
                  "maxBatchDeposits",
                  evidence.maxBatchDeposits(),
                  1,
                  EvidenceParameters.MAX_BATCH_DEPOSITS),
              e.optionalInt(
                  "maxMetadataBytes",
                  evidence.maxMetadataBytes(),
                  2,
                  EvidenceParameters.MAX_METADATA_BYTES));
    }
    return new NetworkDescription(
        chainId, suite, organisations, consensus, transactions, governance, pki, evidence);
  }

  private static ConsensusParameters consensus(YamlTree root) {
    if (!root.has("consensus")) {
      return ConsensusParameters.defaults(ConsensusType.BFT);
    }
    YamlTree c = root.require("consensus").requireMapping();
    c.allowOnly(
        "type",
        "proposeTimeoutMs",
        "proposeTimeoutDeltaMs",
        "prevoteTimeoutMs",
        "prevoteTimeoutDeltaMs",
        "precommitTimeoutMs",
        "precommitTimeoutDeltaMs",
        "blockIntervalMs",
        "maxBlockTxs",
        "maxBlockBytes",
        "maxClockDriftMs");
    String typeName = c.optionalString("type", "bft");
    ConsensusType type = ConsensusType.fromWireName(typeName);
    if (type == null) {
      throw c.require("type").error("must be bft or solo, got '" + typeName + "'");
    }
    ConsensusParameters d = ConsensusParameters.defaults(type);
    return new ConsensusParameters(
        type,
        c.optionalLong("proposeTimeoutMs", d.proposeTimeoutMs(), 1, MAX_MS),
        c.optionalLong("proposeTimeoutDeltaMs", d.proposeTimeoutDeltaMs(), 0, MAX_MS),
        c.optionalLong("prevoteTimeoutMs", d.prevoteTimeoutMs(), 1, MAX_MS),
        c.optionalLong("prevoteTimeoutDeltaMs", d.prevoteTimeoutDeltaMs(), 0, MAX_MS),
        c.optionalLong("precommitTimeoutMs", d.precommitTimeoutMs(), 1, MAX_MS),
        c.optionalLong("precommitTimeoutDeltaMs", d.precommitTimeoutDeltaMs(), 0, MAX_MS),
        c.optionalLong("blockIntervalMs", d.blockIntervalMs(), 1, MAX_MS),
        c.optionalInt("maxBlockTxs", d.maxBlockTxs(), 1, 1_000_000),
        c.optionalLong("maxBlockBytes", d.maxBlockBytes(), 1024, 1L << 30),
        c.optionalLong("maxClockDriftMs", d.maxClockDriftMs(), 0, MAX_MS));
  }

  private static List<OrganisationSpec> organisations(YamlTree root) {
    List<YamlTree> orgNodes = root.requireList("organisations");
    if (orgNodes.isEmpty()) {
      throw root.require("organisations").error("must list at least one organisation");
    }
    Map<String, Integer> orgIds = new HashMap<>();
    List<OrganisationSpec> out = new ArrayList<>();
    for (YamlTree o : orgNodes) {
      o.requireMapping().allowOnly("id", "name", "nodes", "users");
      YamlTree idNode = o.require("id");
      String id = name(idNode);
      Integer first = orgIds.putIfAbsent(id, idNode.line());
      if (first != null) {
        throw idNode.error("organisation id '" + id + "' is already used on line " + first);
      }
      String display = o.optionalString("name", id);
      List<NodeSpec> nodes = new ArrayList<>();
      for (YamlTree n : o.optionalList("nodes")) {
        nodes.add(node(n));
      }
      List<UserSpec> users = new ArrayList<>();
      Set<String> userNames = new HashSet<>();
      for (YamlTree u : o.optionalList("users")) {
        u.requireMapping().allowOnly("name", "role");
        YamlTree userName = u.require("name");
        String name = name(userName);
        if (!userNames.add(name)) {
          throw userName.error("user '" + name + "' is listed twice in organisation " + id);
        }
        YamlTree roleNode = u.require("role");
        String roleName = roleNode.asString();
        MemberRole role =
            switch (roleName) {
              case "admin" -> MemberRole.ADMIN;
              case "client" -> MemberRole.CLIENT;
              case "regulator" -> MemberRole.REGULATOR;
              default ->
                  throw roleNode.error(
                      "must be admin, client or regulator, got '"
                          + roleName
                          + "' (node identities come from the nodes list)");
            };
        users.add(new UserSpec(name, role));
      }
      out.add(new OrganisationSpec(id, display, nodes, users));
    }
    return out;
  }

  private static NodeSpec node(YamlTree n) {
    n.requireMapping().allowOnly("name", "host", "p2pPort", "apiPort", "validator", "dnsNames");
    String name = name(n.require("name"));
    YamlTree hostNode = n.require("host");
    String host = hostNode.asString();
    if (!host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\]")) {
      throw hostNode.error("must be a host name or IP address, got '" + host + "'");
    }
    List<String> dnsNames = n.optionalStringList("dnsNames");
    for (YamlTree d : n.optionalList("dnsNames")) {
      if (!d.asString().matches("[A-Za-z0-9*][A-Za-z0-9.-]*")) {
        throw d.error("must be a DNS name, got '" + d.asString() + "'");
      }
    }
    return new NodeSpec(
        name,
        host,
        n.requireInt("p2pPort", 1, 65535),
        n.requireInt("apiPort", 1, 65535),
        n.optionalBoolean("validator", true),
        dnsNames);
  }

  /** Cross-field rules: unique node names and endpoints, a sensible validator set. */
  private static void checkNetwork(
      YamlTree root, List<OrganisationSpec> organisations, ConsensusType type) {
    List<YamlTree> orgNodes = root.requireList("organisations");
    Map<String, String> nodeNames = new HashMap<>();
    Map<String, String> endpoints = new HashMap<>();
    int validators = 0;
    for (int i = 0; i < organisations.size(); i++) {
      List<YamlTree> nodeTrees = orgNodes.get(i).optionalList("nodes");
      for (int j = 0; j < nodeTrees.size(); j++) {
        NodeSpec node = organisations.get(i).nodes().get(j);
        YamlTree tree = nodeTrees.get(j);
        String previous = nodeNames.putIfAbsent(node.name(), tree.path());
        if (previous != null) {
          throw tree.require("name")
              .error(
                  "node name '"
                      + node.name()
                      + "' is already used by "
                      + previous
                      + "; node names are unique in the network");
        }
        claim(endpoints, node.host() + ":" + node.p2pPort(), tree.require("p2pPort"));
        claim(endpoints, node.host() + ":" + node.apiPort(), tree.require("apiPort"));
        if (node.validator()) {
          validators++;
        }
      }
    }
    if (validators == 0) {
      throw root.require("organisations")
          .error("no node has validator: true; a network needs at least one validator");
    }
    if (type == ConsensusType.SOLO && validators != 1) {
      throw root.require("consensus")
          .error(
              "solo consensus takes exactly one validator, but "
                  + validators
                  + " nodes have validator: true");
    }
  }

  private static void claim(Map<String, String> endpoints, String endpoint, YamlTree at) {
    String previous = endpoints.putIfAbsent(endpoint, at.path());
    if (previous != null) {
      throw at.error("endpoint " + endpoint + " is already used by " + previous);
    }
  }

  private static String name(YamlTree value) {
    String s = value.asString();
    if (!GenesisCodec.NAME.matcher(s).matches()) {
      throw value.error("must be 1-63 characters of a-z, 0-9, '.', '-', got '" + s + "'");
    }
    return s;
  }

  /** Renders a description as YAML that {@link #parse} reads back to an equal description. */
  public static String render(NetworkDescription d) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("chainId", d.chainId());
    doc.put("suite", d.suite());
    List<Object> orgs = new ArrayList<>();
    for (OrganisationSpec o : d.organisations()) {
      Map<String, Object> org = new LinkedHashMap<>();
      org.put("id", o.id());
      org.put("name", o.name());
      List<Object> nodes = new ArrayList<>();
      for (NodeSpec n : o.nodes()) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", n.name());
        node.put("host", n.host());
        node.put("p2pPort", n.p2pPort());
        node.put("apiPort", n.apiPort());
        node.put("validator", n.validator());
        node.put("dnsNames", n.dnsNames());
        nodes.add(node);
      }
      org.put("nodes", nodes);
      List<Object> users = new ArrayList<>();
      for (UserSpec u : o.users()) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", u.name());
        user.put("role", u.role().ou());
        users.add(user);
      }
      org.put("users", users);
      orgs.add(org);
    }
    doc.put("organisations", orgs);
    ConsensusParameters c = d.consensus();
    Map<String, Object> consensus = new LinkedHashMap<>();
    consensus.put("type", c.type().wireName());
    consensus.put("proposeTimeoutMs", c.proposeTimeoutMs());
    consensus.put("proposeTimeoutDeltaMs", c.proposeTimeoutDeltaMs());
    consensus.put("prevoteTimeoutMs", c.prevoteTimeoutMs());
    consensus.put("prevoteTimeoutDeltaMs", c.prevoteTimeoutDeltaMs());
    consensus.put("precommitTimeoutMs", c.precommitTimeoutMs());
    consensus.put("precommitTimeoutDeltaMs", c.precommitTimeoutDeltaMs());
    consensus.put("blockIntervalMs", c.blockIntervalMs());
    consensus.put("maxBlockTxs", c.maxBlockTxs());
    consensus.put("maxBlockBytes", c.maxBlockBytes());
    consensus.put("maxClockDriftMs", c.maxClockDriftMs());
    doc.put("consensus", consensus);
    Map<String, Object> transactions = new LinkedHashMap<>();
    transactions.put("validityWindowSeconds", d.transactions().validityWindowSeconds());
    transactions.put("maxTxBytes", d.transactions().maxTxBytes());
    doc.put("transactions", transactions);
    Map<String, Object> governance = new LinkedHashMap<>();
    governance.put("rule", d.governance().rule().wireName());
    if (d.governance().rule() == GovernancePolicy.Rule.THRESHOLD) {
      governance.put("threshold", d.governance().threshold());
    }
    doc.put("governance", governance);
    Map<String, Object> pki = new LinkedHashMap<>();
    pki.put("caValidityDays", d.pki().caValidityDays());
    pki.put("certificateValidityDays", d.pki().certificateValidityDays());
    doc.put("pki", pki);
    if (!d.evidence().equals(EvidenceParameters.defaults())) {
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("maxBatchDeposits", d.evidence().maxBatchDeposits());
      evidence.put("maxMetadataBytes", d.evidence().maxMetadataBytes());
      doc.put("evidence", evidence);
    }
    return YamlWriter.write(
        "Chancery network description. Edit it and run:\n"
            + "  chancery network init --config network.yaml --out DIR\n"
            + "Format: docs/network-init.md",
        doc);
  }
}
