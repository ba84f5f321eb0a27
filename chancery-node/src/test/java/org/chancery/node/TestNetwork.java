package org.chancery.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.chancery.core.Bytes;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.node.config.NodeConfig;
import org.chancery.node.config.NodeConfigCodec;
import org.chancery.node.network.NetworkDescription;
import org.chancery.node.network.NetworkInitializer;

/** A one-organisation solo network written to a temporary directory, on free loopback ports. */
public final class TestNetwork {
  public final Path dir;
  public final Genesis genesis;
  public final CryptoSuite suite;

  private TestNetwork(Path dir) throws IOException {
    this.dir = dir;
    this.genesis =
        GenesisCodec.decode("genesis.json", Files.readAllBytes(dir.resolve("genesis.json")));
    this.suite = CryptoSuite.byName(genesis.suite());
  }

  /** Writes a solo network; {@code consensus} tunes block cutting. */
  public static TestNetwork create(Path dir, String suite, ConsensusParameters consensus)
      throws IOException {
    NetworkDescription d =
        NetworkDescription.singleNode("test-chain", suite, consensus, freePort(), freePort());
    new NetworkInitializer(Clock.systemUTC()).initialize(d, null, dir, false, null);
    return new TestNetwork(dir);
  }

  /**
   * Writes a BFT network of {@code validators} organisations, one validating node each ({@code
   * node1..nodeN} of {@code org1..orgN}), on free loopback ports.
   */
  public static TestNetwork createBft(Path dir, int validators, ConsensusParameters consensus)
      throws IOException {
    return createBft(dir, validators, 0, consensus);
  }

  /**
   * As {@link #createBft(Path, int, ConsensusParameters)}, plus {@code followers} non-validating
   * nodes after the validators, one organisation each.
   */
  public static TestNetwork createBft(
      Path dir, int validators, int followers, ConsensusParameters consensus) throws IOException {
    java.util.List<NetworkDescription.OrganisationSpec> orgs = new java.util.ArrayList<>();
    for (int i = 1; i <= validators + followers; i++) {
      orgs.add(
          new NetworkDescription.OrganisationSpec(
              "org" + i,
              "Organisation " + i,
              java.util.List.of(
                  new NetworkDescription.NodeSpec(
                      "node" + i,
                      "127.0.0.1",
                      freePort(),
                      freePort(),
                      i <= validators,
                      java.util.List.of("localhost"))),
              java.util.List.of(
                  new NetworkDescription.UserSpec(
                      "client", org.chancery.crypto.pki.MemberRole.CLIENT),
                  new NetworkDescription.UserSpec(
                      "admin", org.chancery.crypto.pki.MemberRole.ADMIN))));
    }
    NetworkDescription d =
        new NetworkDescription(
            "test-chain",
            "sm",
            orgs,
            consensus,
            org.chancery.core.genesis.TransactionParameters.defaults(),
            org.chancery.core.genesis.GovernancePolicy.majority(),
            NetworkDescription.PkiSettings.defaults());
    new NetworkInitializer(Clock.systemUTC()).initialize(d, null, dir, false, null);
    return new TestNetwork(dir);
  }

  /** BFT parameters for tests: short timeouts, quick blocks. */
  public static ConsensusParameters fastBft() {
    return new ConsensusParameters(
        ConsensusType.BFT, 1000, 250, 500, 250, 500, 250, 20, 2000, 4L * 1024 * 1024, 2000);
  }

  /** The configuration of node {@code i} of a network made by {@link #createBft}. */
  public NodeConfig nodeConfig(int i) {
    return NodeConfigCodec.read(dir.resolve("orgs/org" + i + "/nodes/node" + i + "/node.yaml"));
  }

  /** A solo network that cuts blocks quickly. */
  public static TestNetwork create(Path dir) throws IOException {
    return create(dir, "sm", fast());
  }

  /** Consensus parameters for quick blocks in tests. */
  public static ConsensusParameters fast() {
    return ConsensusParameters.defaults(ConsensusType.SOLO).withBlocks(20, 2000);
  }

  /** Consensus parameters under which a block is cut only after a minute (or 1,000 txs). */
  public static ConsensusParameters slow() {
    return ConsensusParameters.defaults(ConsensusType.SOLO).withBlocks(60_000, 1000);
  }

  public Path nodeConfigFile() {
    return dir.resolve("orgs/org1/nodes/node1/node.yaml");
  }

  public NodeConfig nodeConfig() {
    return NodeConfigCodec.read(nodeConfigFile());
  }

  /** Rewrites the node's configuration with other mempool bounds. */
  public void setMempool(int maxTransactions, long maxBytes) throws IOException {
    NodeConfigCodec.write(
        nodeConfig().withMempool(new NodeConfig.MempoolSettings(maxTransactions, maxBytes)),
        nodeConfigFile());
  }

  /** Rewrites the node's configuration to keep only {@code versions} provable state versions. */
  public void setStateRetention(int versions) throws IOException {
    NodeConfigCodec.write(nodeConfig().withStateRetention(versions), nodeConfigFile());
  }

  /** Rewrites the node's configuration with other request limits. */
  public void setRequestLimits(NodeConfig.RequestLimits limits) throws IOException {
    NodeConfigCodec.write(nodeConfig().withRequests(limits), nodeConfigFile());
  }

  public ChanceryNode start() throws IOException {
    return ChanceryNode.start(nodeConfig(), Clock.systemUTC());
  }

  /** Signs transactions as one identity directory of org1. */
  public Signer signer(String identity) throws IOException {
    return signer("org1", identity);
  }

  /** Signs transactions as one identity directory of {@code org}. */
  public Signer signer(String org, String identity) throws IOException {
    Path d = dir.resolve("orgs/" + org + "/" + identity);
    return new Signer(
        genesis.chainId(),
        suite,
        org,
        PemCodec.decodeCertificate(Files.readString(d.resolve("cert.pem"))),
        PemCodec.decodePrivateKey(Files.readString(d.resolve("key.pem")), null));
  }

  /** The client user of org1. */
  public Signer client() throws IOException {
    return signer("users/client");
  }

  /**
   * A port free now and not handed out before in this JVM: the kernel may give a just-closed port
   * again, and two nodes of one network must not share one.
   */
  private static synchronized int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
  }

  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  /** Builds and signs transactions for one identity. */
  public record Signer(
      String chainId,
      CryptoSuite suite,
      String org,
      java.security.cert.X509Certificate certificate,
      EcPrivateKey key) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public Transaction tx(String contract, String method, String args) {
      return tx(contract, method, args, Instant.now());
    }

    public Transaction tx(String contract, String method, String args, Instant time) {
      return Transaction.sign(body(chainId, contract, method, args, time), key, suite);
    }

    public TxBody body(String chain, String contract, String method, String args, Instant time) {
      byte[] nonce = new byte[TxBody.NONCE_LENGTH];
      RANDOM.nextBytes(nonce);
      try {
        return new TxBody(
            chain,
            Bytes.of(nonce),
            Instant.ofEpochMilli(time.toEpochMilli()),
            org,
            Bytes.of(certificate.getEncoded()),
            contract,
            method,
            args);
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** A kv put of {@code value} (a JSON document) under {@code key}. */
    public Transaction put(String key, String value) {
      return tx("kv", "put", "{\"key\":\"" + key + "\",\"value\":" + value + "}");
    }

    public byte[] utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }
}
