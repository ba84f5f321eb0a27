package org.chancery.node.network;

import java.util.ArrayList;
import java.util.List;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.EvidenceParameters;
import org.chancery.core.genesis.GovernancePolicy;
import org.chancery.core.genesis.TransactionParameters;
import org.chancery.crypto.pki.MemberRole;

/**
 * What {@code chancery network init} builds: the chain's parameters and, per organisation, its
 * nodes and users. Read from YAML by {@link NetworkDescriptionParser} or made by {@link #local(int,
 * String, ConsensusType, String, int)}.
 *
 * @param chainId the chain id
 * @param suite the crypto suite name
 * @param organisations the member organisations
 * @param consensus consensus parameters for the genesis
 * @param transactions transaction limits for the genesis
 * @param governance governance policy for the genesis
 * @param pki certificate lifetimes
 * @param evidence the evidence contract's limits for the genesis
 */
public record NetworkDescription(
    String chainId,
    String suite,
    List<OrganisationSpec> organisations,
    ConsensusParameters consensus,
    TransactionParameters transactions,
    GovernancePolicy governance,
    PkiSettings pki,
    EvidenceParameters evidence) {

  public NetworkDescription {
    organisations = List.copyOf(organisations);
  }

  /** A description with the default evidence limits. */
  public NetworkDescription(
      String chainId,
      String suite,
      List<OrganisationSpec> organisations,
      ConsensusParameters consensus,
      TransactionParameters transactions,
      GovernancePolicy governance,
      PkiSettings pki) {
    this(
        chainId,
        suite,
        organisations,
        consensus,
        transactions,
        governance,
        pki,
        EvidenceParameters.defaults());
  }

  /** Every node of every organisation, in description order. */
  public List<NodeSpec> nodes() {
    return organisations.stream().flatMap(o -> o.nodes().stream()).toList();
  }

  /**
   * A network on one host: {@code orgs} organisations {@code org1..orgN}, each with one node
   * ({@code node1..nodeN}) and the users admin and client; org1 also has a regulator. With BFT
   * every node validates; with solo only node1 does and the others follow. Node i listens for peers
   * on {@code basePort + i - 1} and serves its API on {@code basePort + 100 + i - 1}.
   */
  public static NetworkDescription local(
      int orgs, String suite, ConsensusType consensus, String host, int basePort) {
    List<OrganisationSpec> list = new ArrayList<>();
    for (int i = 1; i <= orgs; i++) {
      boolean validator = consensus == ConsensusType.BFT || i == 1;
      NodeSpec node =
          new NodeSpec(
              "node" + i,
              host,
              basePort + i - 1,
              basePort + 100 + i - 1,
              validator,
              List.of("localhost"));
      List<UserSpec> users = new ArrayList<>();
      users.add(new UserSpec("admin", MemberRole.ADMIN));
      users.add(new UserSpec("client", MemberRole.CLIENT));
      if (i == 1) {
        users.add(new UserSpec("regulator", MemberRole.REGULATOR));
      }
      list.add(new OrganisationSpec("org" + i, "Organisation " + i, List.of(node), users));
    }
    return new NetworkDescription(
        "chancery-local",
        suite,
        list,
        ConsensusParameters.defaults(consensus),
        TransactionParameters.defaults(),
        GovernancePolicy.majority(),
        PkiSettings.defaults());
  }

  /**
   * One organisation {@code org1} with one validator {@code node1} on 127.0.0.1 and the users
   * {@code client} and {@code admin}: the smallest network, for tests and benchmarks.
   */
  public static NetworkDescription singleNode(
      String chainId, String suite, ConsensusParameters consensus, int p2pPort, int apiPort) {
    return new NetworkDescription(
        chainId,
        suite,
        List.of(
            new OrganisationSpec(
                "org1",
                "Organisation 1",
                List.of(
                    new NodeSpec(
                        "node1", "127.0.0.1", p2pPort, apiPort, true, List.of("localhost"))),
                List.of(
                    new UserSpec("client", MemberRole.CLIENT),
                    new UserSpec("admin", MemberRole.ADMIN)))),
        consensus,
        TransactionParameters.defaults(),
        GovernancePolicy.majority(),
        PkiSettings.defaults());
  }

  /**
   * A member organisation.
   *
   * @param id short id, the O of its certificates
   * @param name display name
   * @param nodes its nodes
   * @param users its users (admin, client, regulator identities)
   */
  public record OrganisationSpec(
      String id, String name, List<NodeSpec> nodes, List<UserSpec> users) {
    public OrganisationSpec {
      nodes = List.copyOf(nodes);
      users = List.copyOf(users);
    }
  }

  /**
   * A node.
   *
   * @param name unique in the network
   * @param host host name or IP address peers and clients reach it at
   * @param p2pPort peer-to-peer port
   * @param apiPort REST API port
   * @param validator whether it is in the genesis validator set
   * @param dnsNames extra DNS names for its TLS certificate
   */
  public record NodeSpec(
      String name,
      String host,
      int p2pPort,
      int apiPort,
      boolean validator,
      List<String> dnsNames) {
    public NodeSpec {
      dnsNames = List.copyOf(dnsNames);
    }
  }

  /**
   * A user identity to issue.
   *
   * @param name unique within its organisation
   * @param role admin, client or regulator
   */
  public record UserSpec(String name, MemberRole role) {}

  /**
   * Certificate lifetimes.
   *
   * @param caValidityDays lifetime of the organisations' CA certificates
   * @param certificateValidityDays lifetime of node and user certificates
   */
  public record PkiSettings(int caValidityDays, int certificateValidityDays) {
    public static PkiSettings defaults() {
      return new PkiSettings(3650, 730);
    }
  }
}
