package org.chancery.cli.network;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.chancery.core.config.HostPort;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.node.config.NodeConfig;
import org.chancery.node.config.NodeConfigCodec;
import org.chancery.node.network.NetworkLayout;

/**
 * A directory written by {@code chancery network init}, read for running its nodes: the genesis
 * (chain id and consensus type) and every node found as {@code orgs/ORG/nodes/NODE/node.yaml},
 * ordered by name with numbers compared as numbers (node2 before node10).
 *
 * <p>The directory structure, not {@code network.yaml}, is the source of truth: each node's own
 * {@code node.yaml} says where its API listens, and an operator may have edited it since init.
 *
 * <pre>{@code
 * NetworkDirectory net = NetworkDirectory.open(Path.of("/tmp/net"));
 * for (NetworkNode node : net.nodes()) {
 *   System.out.println(node.name() + " " + node.api());
 * }
 * }</pre>
 */
public final class NetworkDirectory {
  private final NetworkLayout layout;
  private final String chainId;
  private final ConsensusType consensus;
  private final List<NetworkNode> nodes;

  private NetworkDirectory(
      NetworkLayout layout, String chainId, ConsensusType consensus, List<NetworkNode> nodes) {
    this.layout = layout;
    this.chainId = chainId;
    this.consensus = consensus;
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Reads the network directory at {@code dir}.
   *
   * @throws NetworkRunException if {@code dir} is not a network directory or holds no node
   * @throws org.chancery.core.config.ConfigException if its genesis or a node.yaml is invalid
   */
  public static NetworkDirectory open(Path dir) {
    NetworkLayout layout = new NetworkLayout(realPath(dir));
    if (!Files.isRegularFile(layout.genesis()) || !Files.isDirectory(layout.orgs())) {
      throw new NetworkRunException(
          layout.root()
              + " is not a network directory (it has no genesis.json and orgs/); create one with"
              + " 'chancery network init --orgs 4 --out "
              + layout.root()
              + "'");
    }
    Genesis genesis;
    try {
      genesis =
          GenesisCodec.decode(layout.genesis().toString(), Files.readAllBytes(layout.genesis()));
    } catch (IOException e) {
      throw new NetworkRunException("cannot read " + layout.genesis() + ": " + e.getMessage(), e);
    }
    List<NetworkNode> nodes = new ArrayList<>();
    for (Path config : nodeConfigs(layout)) {
      NodeConfig node = NodeConfigCodec.read(config);
      nodes.add(
          new NetworkNode(
              node.nodeName(),
              node.organisation(),
              config,
              apiUrl(node.apiListen()),
              layout.nodeLog(node.nodeName()),
              layout.nodePidFile(node.nodeName())));
    }
    if (nodes.isEmpty()) {
      throw new NetworkRunException(
          layout.root() + " holds no node configuration (orgs/*/nodes/*/node.yaml)");
    }
    nodes.sort(Comparator.comparing(NetworkNode::name, NetworkDirectory::compareNatural));
    return new NetworkDirectory(layout, genesis.chainId(), genesis.consensus().type(), nodes);
  }

  public NetworkLayout layout() {
    return layout;
  }

  public Path root() {
    return layout.root();
  }

  public String chainId() {
    return chainId;
  }

  public ConsensusType consensus() {
    return consensus;
  }

  /** Every node, ordered by name. */
  public List<NetworkNode> nodes() {
    return nodes;
  }

  private static List<Path> nodeConfigs(NetworkLayout layout) {
    List<Path> configs = new ArrayList<>();
    try (Stream<Path> orgs = Files.list(layout.orgs())) {
      for (Path org : orgs.filter(Files::isDirectory).toList()) {
        Path nodesDir = org.resolve("nodes");
        if (!Files.isDirectory(nodesDir)) {
          continue;
        }
        try (Stream<Path> nodeDirs = Files.list(nodesDir)) {
          nodeDirs
              .map(n -> n.resolve("node.yaml"))
              .filter(Files::isRegularFile)
              .map(NetworkDirectory::realPath)
              .forEach(configs::add);
        }
      }
    } catch (IOException e) {
      throw new NetworkRunException("cannot list " + layout.orgs() + ": " + e.getMessage(), e);
    }
    return configs;
  }

  /**
   * The path without symbolic links, so that {@code /tmp/net} and a link to it name the same
   * node.yaml in a process's command line.
   */
  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /**
   * The URL to reach an API listening on {@code listen}: a wildcard listen address is reached on
   * the loopback interface.
   */
  static URI apiUrl(HostPort listen) {
    String host =
        switch (listen.host()) {
          case "0.0.0.0" -> "127.0.0.1";
          case "[::]", "::" -> "[::1]";
          default -> listen.host();
        };
    return URI.create("http://" + host + ":" + listen.port());
  }

  /** Compares names with runs of digits as numbers, so node2 sorts before node10. */
  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int ei = i;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        String da = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
        String db = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
        int c =
            da.length() != db.length()
                ? Integer.compare(da.length(), db.length())
                : da.compareTo(db);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
