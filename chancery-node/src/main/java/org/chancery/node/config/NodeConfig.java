package org.chancery.node.config;

import java.nio.file.Path;
import java.util.List;
import org.chancery.core.config.HostPort;

/**
 * Everything one node needs to start: who it is, which chain it belongs to, where its keys are,
 * where it listens and whom it talks to. Read from {@code node.yaml} by {@link NodeConfigCodec};
 * every path is absolute after reading (relative paths in the file are resolved against the file's
 * directory).
 *
 * <pre>{@code
 * NodeConfig config = NodeConfigCodec.read(Path.of("net/orgs/org1/nodes/node1/node.yaml"));
 * HostPort api = config.apiListen();
 * }</pre>
 *
 * @param nodeName the node's name, unique in the network
 * @param organisation the id of the organisation that runs the node
 * @param validator whether the node is in the genesis validator set
 * @param chainId the chain the node serves
 * @param genesisFile the genesis file
 * @param genesisHash lowercase hex of the suite hash of the genesis file; a node refuses a genesis
 *     that does not match
 * @param identityCertificate PEM certificate of the node's identity key
 * @param identityKey PEM PKCS#8 identity key
 * @param tlsCertificate PEM TLS certificate
 * @param tlsKey PEM PKCS#8 TLS key
 * @param tlsCaBundle PEM TLS CA certificates of every organisation
 * @param p2pListen where the node accepts peer connections
 * @param apiListen where the node serves its REST API
 * @param peers the other nodes it connects to
 * @param dataDir where the node keeps its ledger
 * @param mempool bounds of the node's mempool
 * @param requests bounds on API requests
 * @param stateRetention how many of the latest state versions stay provable (historical state
 *     proofs); older tree nodes are pruned
 */
public record NodeConfig(
    String nodeName,
    String organisation,
    boolean validator,
    String chainId,
    Path genesisFile,
    String genesisHash,
    Path identityCertificate,
    Path identityKey,
    Path tlsCertificate,
    Path tlsKey,
    Path tlsCaBundle,
    HostPort p2pListen,
    HostPort apiListen,
    List<Peer> peers,
    Path dataDir,
    MempoolSettings mempool,
    RequestLimits requests,
    int stateRetention) {

  /** State versions kept provable when node.yaml does not say. */
  public static final int DEFAULT_STATE_RETENTION = 1000;

  public NodeConfig {
    peers = List.copyOf(peers);
    if (stateRetention < 1) {
      throw new IllegalArgumentException(
          "stateRetention must be at least 1, got " + stateRetention);
    }
  }

  /** This configuration with other mempool bounds. */
  public NodeConfig withMempool(MempoolSettings settings) {
    return with(settings, requests, stateRetention);
  }

  /** This configuration with another state retention. */
  public NodeConfig withStateRetention(int versions) {
    return with(mempool, requests, versions);
  }

  /** This configuration with other request limits. */
  public NodeConfig withRequests(RequestLimits limits) {
    return with(mempool, limits, stateRetention);
  }

  private NodeConfig with(MempoolSettings m, RequestLimits r, int retention) {
    return new NodeConfig(
        nodeName,
        organisation,
        validator,
        chainId,
        genesisFile,
        genesisHash,
        identityCertificate,
        identityKey,
        tlsCertificate,
        tlsKey,
        tlsCaBundle,
        p2pListen,
        apiListen,
        peers,
        dataDir,
        m,
        r,
        retention);
  }

  /**
   * Bounds on API requests: beyond {@code maxConcurrent} requests in service the node answers 503
   * {@code overloaded}; a client address sending faster than {@code perClientPerSecond} (with
   * bursts up to {@code perClientBurst}) is answered 429 {@code too-many-requests}.
   *
   * @param maxConcurrent requests served at once
   * @param perClientPerSecond sustained requests per second from one client address; 0 for no limit
   * @param perClientBurst requests one client address may send at once
   */
  public record RequestLimits(int maxConcurrent, int perClientPerSecond, int perClientBurst) {
    public static RequestLimits defaults() {
      return new RequestLimits(512, 5000, 10_000);
    }
  }

  /**
   * Bounds of the mempool; submissions beyond them are answered 503.
   *
   * @param maxTransactions most pending transactions
   * @param maxBytes most bytes of pending transactions
   */
  public record MempoolSettings(int maxTransactions, long maxBytes) {
    public static MempoolSettings defaults() {
      return new MempoolSettings(20_000, 128L * 1024 * 1024);
    }
  }

  /**
   * Another node of the network.
   *
   * @param name its node name
   * @param address its peer-to-peer endpoint
   */
  public record Peer(String name, HostPort address) {}
}
