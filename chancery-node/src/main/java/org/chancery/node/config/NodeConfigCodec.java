package org.chancery.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.core.config.ConfigException;
import org.chancery.core.config.HostPort;
import org.chancery.core.config.YamlTree;
import org.chancery.core.config.YamlWriter;
import org.chancery.core.genesis.GenesisCodec;

/**
 * Reads and writes {@code node.yaml}. Paths in the file are relative to the file's directory, so a
 * network directory can be moved or copied as a whole.
 *
 * <pre>{@code
 * NodeConfig config = NodeConfigCodec.read(Path.of("node.yaml"));
 * NodeConfigCodec.write(config, Path.of("copy/node.yaml"));
 * }</pre>
 */
public final class NodeConfigCodec {
  private NodeConfigCodec() {}

  /**
   * Reads a node configuration file.
   *
   * @throws ConfigException naming the line and field of the first problem
   */
  public static NodeConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text, file.toAbsolutePath().getParent());
  }

  /** Parses node configuration text, resolving relative paths against {@code baseDir}. */
  public static NodeConfig parse(String source, String text, Path baseDir) {
    YamlTree root = YamlTree.parse(source, text);
    root.allowOnly("node", "chain", "identity", "tls", "p2p", "api", "storage", "mempool");
    YamlTree node =
        root.require("node").requireMapping().allowOnly("name", "organisation", "validator");
    YamlTree chain =
        root.require("chain").requireMapping().allowOnly("id", "genesis", "genesisHash");
    YamlTree identity = root.require("identity").requireMapping().allowOnly("certificate", "key");
    YamlTree tls = root.require("tls").requireMapping().allowOnly("certificate", "key", "caBundle");
    YamlTree p2p = root.require("p2p").requireMapping().allowOnly("listen", "peers");
    YamlTree api =
        root.require("api")
            .requireMapping()
            .allowOnly("listen", "maxConcurrentRequests", "rateLimit");
    YamlTree storage =
        root.require("storage").requireMapping().allowOnly("dataDir", "stateRetention");

    String name = name(node.require("name"));
    String organisation = name(node.require("organisation"));
    String chainId = chain.require("id").asString();
    if (!GenesisCodec.CHAIN_ID.matcher(chainId).matches()) {
      throw chain.require("id").error("must be 1-63 characters of a-z, 0-9, '.', '-'");
    }
    YamlTree hashNode = chain.require("genesisHash");
    String genesisHash = hashNode.asString();
    if (!genesisHash.matches("[0-9a-f]{64}")) {
      throw hashNode.error("must be 64 lowercase hex digits");
    }
    List<NodeConfig.Peer> peers = new ArrayList<>();
    for (YamlTree peer : p2p.optionalList("peers")) {
      peer.requireMapping().allowOnly("name", "address");
      peers.add(new NodeConfig.Peer(name(peer.require("name")), hostPort(peer.require("address"))));
    }
    return new NodeConfig(
        name,
        organisation,
        node.optionalBoolean("validator", false),
        chainId,
        path(baseDir, chain.require("genesis")),
        genesisHash,
        path(baseDir, identity.require("certificate")),
        path(baseDir, identity.require("key")),
        path(baseDir, tls.require("certificate")),
        path(baseDir, tls.require("key")),
        path(baseDir, tls.require("caBundle")),
        hostPort(p2p.require("listen")),
        hostPort(api.require("listen")),
        peers,
        path(baseDir, storage.require("dataDir")),
        mempool(root),
        requests(api),
        storage.optionalInt("stateRetention", NodeConfig.DEFAULT_STATE_RETENTION, 1, 100_000_000));
  }

  private static NodeConfig.RequestLimits requests(YamlTree api) {
    NodeConfig.RequestLimits d = NodeConfig.RequestLimits.defaults();
    int concurrent = api.optionalInt("maxConcurrentRequests", d.maxConcurrent(), 1, 100_000);
    if (!api.has("rateLimit")) {
      return new NodeConfig.RequestLimits(concurrent, d.perClientPerSecond(), d.perClientBurst());
    }
    YamlTree rate = api.require("rateLimit").requireMapping().allowOnly("perSecond", "burst");
    int perSecond = rate.optionalInt("perSecond", d.perClientPerSecond(), 0, 10_000_000);
    int burst = rate.optionalInt("burst", Math.max(perSecond, 1), 1, 10_000_000);
    return new NodeConfig.RequestLimits(concurrent, perSecond, burst);
  }

  private static NodeConfig.MempoolSettings mempool(YamlTree root) {
    NodeConfig.MempoolSettings d = NodeConfig.MempoolSettings.defaults();
    if (!root.has("mempool")) {
      return d;
    }
    YamlTree m = root.require("mempool").requireMapping().allowOnly("maxTransactions", "maxBytes");
    return new NodeConfig.MempoolSettings(
        m.optionalInt("maxTransactions", d.maxTransactions(), 1, 10_000_000),
        m.optionalLong("maxBytes", d.maxBytes(), 1024, 64L * 1024 * 1024 * 1024));
  }

  /** Writes {@code config} to {@code file}, with paths relative to the file's directory. */
  public static void write(NodeConfig config, Path file) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    Files.createDirectories(base);
    Files.writeString(file, render(config, base), StandardCharsets.UTF_8);
  }

  /** Renders {@code config} as YAML with paths relative to {@code baseDir}. */
  public static String render(NodeConfig config, Path baseDir) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "node",
        map(
            "name",
            config.nodeName(),
            "organisation",
            config.organisation(),
            "validator",
            config.validator()));
    doc.put(
        "chain",
        map(
            "id",
            config.chainId(),
            "genesis",
            rel(baseDir, config.genesisFile()),
            "genesisHash",
            config.genesisHash()));
    doc.put(
        "identity",
        map(
            "certificate",
            rel(baseDir, config.identityCertificate()),
            "key",
            rel(baseDir, config.identityKey())));
    doc.put(
        "tls",
        map(
            "certificate",
            rel(baseDir, config.tlsCertificate()),
            "key",
            rel(baseDir, config.tlsKey()),
            "caBundle",
            rel(baseDir, config.tlsCaBundle())));
    List<Object> peers = new ArrayList<>();
    for (NodeConfig.Peer p : config.peers()) {
      peers.add(map("name", p.name(), "address", p.address().toString()));
    }
    doc.put("p2p", map("listen", config.p2pListen().toString(), "peers", peers));
    doc.put(
        "api",
        map(
            "listen",
            config.apiListen().toString(),
            "maxConcurrentRequests",
            config.requests().maxConcurrent(),
            "rateLimit",
            map(
                "perSecond",
                config.requests().perClientPerSecond(),
                "burst",
                config.requests().perClientBurst())));
    doc.put(
        "storage",
        map("dataDir", rel(baseDir, config.dataDir()), "stateRetention", config.stateRetention()));
    doc.put(
        "mempool",
        map(
            "maxTransactions",
            config.mempool().maxTransactions(),
            "maxBytes",
            config.mempool().maxBytes()));
    return YamlWriter.write(
        "Chancery node configuration for "
            + config.nodeName()
            + " ("
            + config.organisation()
            + ").\nPaths are relative to this file.",
        doc);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static String rel(Path base, Path target) {
    Path abs = target.toAbsolutePath().normalize();
    return base.normalize().relativize(abs).toString().replace('\\', '/');
  }

  private static Path path(Path base, YamlTree value) {
    return base.resolve(value.asString()).normalize();
  }

  private static String name(YamlTree value) {
    String s = value.asString();
    if (!GenesisCodec.NAME.matcher(s).matches()) {
      throw value.error("must be 1-63 characters of a-z, 0-9, '.', '-', got '" + s + "'");
    }
    return s;
  }

  private static HostPort hostPort(YamlTree value) {
    try {
      return HostPort.parse(value.asString());
    } catch (IllegalArgumentException e) {
      throw value.error(e.getMessage());
    }
  }
}
