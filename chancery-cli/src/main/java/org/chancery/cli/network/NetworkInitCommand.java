package org.chancery.cli.network;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chancery.cli.JsonOutput;
import org.chancery.core.config.ConfigException;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.node.network.NetworkDescription;
import org.chancery.node.network.NetworkDescriptionYaml;
import org.chancery.node.network.NetworkInitializer;
import org.chancery.node.network.NetworkInitializer.InitResult;
import org.chancery.node.network.NetworkInitializer.NodeResult;
import org.chancery.node.network.NetworkInitializer.UserResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chancery network init}: writes the keys, certificates, node configurations and genesis of
 * a network, from a YAML description or, with {@code --orgs N}, for a local network on this host.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create a network directory: CAs, node and user identities, node configs and the genesis.",
      "",
      "Examples:",
      "  chancery network init --orgs 4 --out /tmp/net",
      "  chancery network init --config network.yaml --out /srv/chancery/net"
    })
public final class NetworkInitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "YAML network description (format: docs/network-init.md).")
    Path config;

    @Option(
        names = "--orgs",
        paramLabel = "N",
        description = "Generate a local network of N organisations, one node each (1-64).")
    Integer orgs;
  }

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
  Path out;

  @Option(
      names = "--force",
      description = "Replace an earlier network in DIR (deletes its keys and node data).")
  boolean force;

  @Option(
      names = "--suite",
      paramLabel = "sm|nist",
      description = "With --orgs: crypto suite (default: ${DEFAULT-VALUE}).",
      defaultValue = "sm")
  String suite;

  @Option(
      names = "--consensus",
      paramLabel = "bft|solo",
      description = "With --orgs: consensus (default: ${DEFAULT-VALUE}).",
      defaultValue = "bft")
  String consensus;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "With --orgs: host the nodes listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--base-port",
      paramLabel = "PORT",
      description =
          "With --orgs: node i listens for peers on PORT+i-1 and serves its API on PORT+100+i-1"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "7100")
  int basePort;

  @Option(
      names = "--ca-passphrase-file",
      paramLabel = "FILE",
      description = "Encrypt the CA private keys with the passphrase in FILE (first line).")
  Path caPassphraseFile;

  @Option(names = "--json", description = "Print the result as one JSON document.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    NetworkDescription description;
    String yaml = null;
    if (source.config != null) {
      try {
        yaml = Files.readString(source.config, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new ParameterException(spec.commandLine(), "--config: no such file " + e.getFile());
      }
      description = NetworkDescriptionYaml.parse(source.config.getFileName().toString(), yaml);
    } else {
      description = localDescription();
    }
    char[] passphrase = readPassphrase();
    if (force) {
      refuseWhileRunning(out);
    }
    InitResult result =
        new NetworkInitializer(Clock.systemUTC())
            .initialize(description, yaml, out, force, passphrase);
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(stdout, toJson(result));
    } else {
      printHuman(stdout, result);
    }
    return 0;
  }

  private NetworkDescription localDescription() {
    int orgs = source.orgs;
    if (orgs < 1 || orgs > 64) {
      throw new ParameterException(
          spec.commandLine(), "--orgs must be between 1 and 64, got " + orgs);
    }
    if (!List.of("sm", "nist").contains(suite)) {
      throw new ParameterException(
          spec.commandLine(), "--suite must be sm or nist, got '" + suite + "'");
    }
    ConsensusType type = ConsensusType.fromWireName(consensus);
    if (type == null) {
      throw new ParameterException(
          spec.commandLine(), "--consensus must be bft or solo, got '" + consensus + "'");
    }
    if (basePort < 1 || basePort + 100 + orgs - 1 > 65535) {
      throw new ParameterException(
          spec.commandLine(),
          "--base-port must leave room for " + orgs + " nodes below 65536, got " + basePort);
    }
    if (!host.matches("[A-Za-z0-9.-]+")) {
      throw new ParameterException(
          spec.commandLine(),
          "--host must be a host name or IPv4 " + "address, got '" + host + "'");
    }
    return NetworkDescription.local(orgs, suite, type, host, basePort);
  }

  /**
   * {@code --force} deletes the node data directories; under nodes that still run it would leave
   * them writing to deleted files and answering for a network that no longer exists.
   */
  private static void refuseWhileRunning(Path dir) {
    NetworkDirectory earlier;
    try {
      earlier = NetworkDirectory.open(dir);
    } catch (NetworkRunException | ConfigException e) {
      return; // no readable network there, so 'network up' cannot have started one
    }
    PidFiles pidFiles = new PidFiles();
    List<String> running =
        earlier.nodes().stream()
            .filter(n -> pidFiles.inspect(n) instanceof PidFileState.Live)
            .map(NetworkNode::name)
            .toList();
    if (!running.isEmpty()) {
      throw new NetworkRunException(
          "nodes of the network in "
              + earlier.root()
              + " are running ("
              + String.join(", ", running)
              + "); stop them first with 'chancery network down --dir "
              + earlier.root()
              + "', then run init --force again");
    }
  }

  private char[] readPassphrase() throws IOException {
    if (caPassphraseFile == null) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(caPassphraseFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ParameterException(
          spec.commandLine(), "--ca-passphrase-file: no such file " + e.getFile());
    }
    if (lines.isEmpty() || lines.get(0).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--ca-passphrase-file: the first line must hold the passphrase");
    }
    return lines.get(0).toCharArray();
  }

  private static Map<String, Object> toJson(InitResult r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dir", r.dir().toString());
    doc.put("chainId", r.chainId());
    doc.put("suite", r.suite());
    doc.put("genesis", r.dir().resolve("genesis.json").toString());
    doc.put("genesisHash", r.genesisHash());
    List<Object> nodes = new ArrayList<>();
    for (NodeResult n : r.nodes()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("name", n.name());
      node.put("organisation", n.organisation());
      node.put("validator", n.validator());
      node.put("p2p", n.p2p());
      node.put("api", "http://" + n.api());
      node.put("config", n.config().toString());
      nodes.add(node);
    }
    doc.put("nodes", nodes);
    List<Object> users = new ArrayList<>();
    for (UserResult u : r.users()) {
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("name", u.name());
      user.put("organisation", u.organisation());
      user.put("role", u.role());
      user.put("identity", u.identityDir().toString());
      users.add(user);
    }
    doc.put("users", users);
    return doc;
  }

  private static void printHuman(PrintWriter out, InitResult r) {
    out.printf("Network %s (suite %s) written to %s%n", r.chainId(), r.suite(), r.dir());
    out.printf("  genesis      %s%n", r.dir().resolve("genesis.json"));
    out.printf("  genesis hash %s%n", r.genesisHash());
    out.println();
    out.println("Nodes:");
    for (NodeResult n : r.nodes()) {
      out.printf(
          "  %-10s %-8s %-9s p2p %-21s api http://%-21s %s%n",
          n.name(),
          n.organisation(),
          n.validator() ? "validator" : "follower",
          n.p2p(),
          n.api(),
          r.dir().relativize(n.config()));
    }
    out.println();
    out.println("Identities (pass as --identity DIR):");
    for (UserResult u : r.users()) {
      out.printf(
          "  %-10s %-8s %-10s %s%n",
          u.name(), u.organisation(), u.role(), r.dir().relativize(u.identityDir()));
    }
    out.println();
    out.println("Inspect certificates with openssl: see docs/pki.md.");
  }
}
