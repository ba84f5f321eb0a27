package org.chancery.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.chancery.contracts.kv.KvContract;
import org.chancery.core.Bytes;
import org.chancery.core.block.ValidatorSet;
import org.chancery.core.config.ConfigException;
import org.chancery.core.contract.Sender;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.MemberIdentity;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.exec.ExecutionEngine;
import org.chancery.ledger.exec.ExecutionLimits;
import org.chancery.ledger.mempool.AdmissionRules;
import org.chancery.ledger.mempool.MemberCertificates;
import org.chancery.ledger.mempool.Mempool;
import org.chancery.ledger.mempool.TransactionAdmission;
import org.chancery.ledger.state.SparseMerkleState;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.node.api.ApiContext;
import org.chancery.node.api.ApiLimits;
import org.chancery.node.api.ApiServer;
import org.chancery.node.commit.CommitNotifier;
import org.chancery.node.config.NodeConfig;
import org.chancery.node.metrics.NodeMetrics;
import org.chancery.node.solo.SoloBlockProducer;
import org.chancery.node.state.StatePruner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node, assembled top to bottom from its configuration: genesis, identity, database,
 * world state, execution engine, ledger, mempool, consensus and API. {@link #close()} stops it
 * cleanly; a kill at any moment loses nothing committed.
 *
 * <pre>{@code
 * try (ChanceryNode node = ChanceryNode.start(NodeConfigCodec.read(path), Clock.systemUTC())) {
 *   node.awaitShutdown();
 * }
 * }</pre>
 */
public final class ChanceryNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChanceryNode.class);

  private final NodeConfig config;
  private final LedgerDatabase db;
  private final SparseMerkleState state;
  private final Ledger ledger;
  private final SoloBlockProducer producer;
  private final ApiServer api;
  private final NodeMetrics metrics;
  private final StatePruner pruner;

  private ChanceryNode(
      NodeConfig config,
      LedgerDatabase db,
      SparseMerkleState state,
      Ledger ledger,
      SoloBlockProducer producer,
      ApiServer api,
      NodeMetrics metrics,
      StatePruner pruner) {
    this.config = config;
    this.db = db;
    this.state = state;
    this.ledger = ledger;
    this.producer = producer;
    this.api = api;
    this.metrics = metrics;
    this.pruner = pruner;
  }

  /**
   * Starts a node.
   *
   * @throws ConfigException if the configuration, genesis or key material is inconsistent
   * @throws org.chancery.ledger.store.StorageException if the database cannot be opened
   */
  public static ChanceryNode start(NodeConfig config, Clock clock) throws IOException {
    byte[] genesisBytes = read(config.genesisFile(), "genesis");
    Genesis genesis = GenesisCodec.decode(config.genesisFile().toString(), genesisBytes);
    String hash = GenesisCodec.hash(genesis.suite(), genesisBytes);
    if (!hash.equals(config.genesisHash())) {
      throw new ConfigException(
          config.genesisFile().toString(),
          0,
          "",
          "genesis hash is "
              + hash
              + " but the node configuration pins "
              + config.genesisHash()
              + "; this is not the genesis the network was created with");
    }
    if (!genesis.chainId().equals(config.chainId())) {
      throw new ConfigException(
          "node configuration",
          0,
          "chain.id",
          "is '" + config.chainId() + "' but the genesis is for '" + genesis.chainId() + "'");
    }
    CryptoSuite suite = CryptoSuite.byName(genesis.suite());
    EcPrivateKey identityKey =
        PemCodec.decodePrivateKey(
            new String(read(config.identityKey(), "identity key"), StandardCharsets.US_ASCII),
            null,
            suite.curve());
    ValidatorSet validators = genesis.validatorSet();
    boolean validator =
        validators
            .find(config.nodeName())
            .map(v -> v.publicKey().equals(identityKey.publicKey()))
            .orElse(false);
    if (config.validator() && !validator) {
      throw new ConfigException(
          "node configuration",
          0,
          "node.validator",
          "node '"
              + config.nodeName()
              + "' is configured as a validator, but the genesis lists"
              + " no validator of that name with this identity key");
    }
    if (genesis.consensus().type() != ConsensusType.SOLO) {
      throw new ConfigException(
          config.genesisFile().toString(),
          0,
          "consensus.type",
          "this node supports solo consensus only so far; create the network with"
              + " 'chancery network init --consensus solo'");
    }

    List<X509Certificate> identityCas = new ArrayList<>();
    for (OrganisationEntry o : genesis.organisations()) {
      identityCas.add(PemCodec.decodeCertificate(o.identityCa()));
    }
    MemberCertificates members =
        new MemberCertificates(identityCas, RevocationSet.empty(), suite, 10_000);
    EnumSet<MemberRole> anyRole = EnumSet.allOf(MemberRole.class);

    LedgerDatabase db = LedgerDatabase.open(config.dataDir());
    try {
      SparseMerkleState state = new SparseMerkleState(db, suite, config.stateRetention());
      ExecutionEngine engine =
          new ExecutionEngine(
              List.of(new KvContract()),
              ExecutionLimits.defaults(),
              tx -> {
                MemberIdentity id =
                    members.validate(
                        tx.body().creatorCertificate().toArray(), tx.body().timestamp(), anyRole);
                return new Sender(
                    id.organisation(), id.role(), id.commonName(), tx.body().creatorCertificate());
              });
      Ledger ledger =
          new Ledger(
              db,
              suite,
              genesis.chainId(),
              Bytes.fromHex(hash),
              genesis.genesisTime(),
              validators.hash(suite),
              state,
              engine);
      Duration window = Duration.ofSeconds(genesis.transactions().validityWindowSeconds());
      TransactionAdmission admission =
          new TransactionAdmission(
              suite,
              new AdmissionRules(
                  genesis.chainId(),
                  genesis.transactions().maxTxBytes(),
                  window,
                  AdmissionRules.DEFAULT_SUBMITTERS),
              members,
              engine.contractNames(),
              txId -> ledger.blocks().locate(txId).isPresent(),
              clock);
      Mempool mempool =
          new Mempool(admission, config.mempool().maxTransactions(), config.mempool().maxBytes());
      NodeMetrics metrics = metrics(ledger, mempool);
      CommitNotifier notifier = new CommitNotifier();
      SoloBlockProducer producer =
          validator
              ? new SoloBlockProducer(
                  ledger,
                  mempool,
                  notifier,
                  metrics,
                  genesis.consensus(),
                  window,
                  config.nodeName(),
                  identityKey,
                  clock)
              : null;
      ApiContext context =
          new ApiContext(
              ledger,
              mempool,
              notifier,
              metrics,
              producer == null ? () -> {} : producer::wake,
              config.nodeName(),
              config.organisation(),
              validator,
              genesis.consensus().type().wireName(),
              () ->
                  Optional.ofNullable(producer == null ? null : producer.failure())
                      .map(t -> "block production stopped: " + t),
              ApiLimits.of(
                  genesis.transactions().maxTxBytes(),
                  config.requests().maxConcurrent(),
                  config.requests().perClientPerSecond(),
                  config.requests().perClientBurst()));
      ApiServer api =
          new ApiServer(
              new InetSocketAddress(config.apiListen().host(), config.apiListen().port()), context);
      StatePruner pruner = new StatePruner(state, metrics);
      if (producer != null) {
        producer.start();
      }
      api.start();
      pruner.start(1000);
      log.info(
          "node started name={} chain={} height={} api=http://{}:{} consensus={}",
          config.nodeName(),
          genesis.chainId(),
          ledger.height(),
          config.apiListen().host(),
          api.port(),
          genesis.consensus().type().wireName());
      return new ChanceryNode(config, db, state, ledger, producer, api, metrics, pruner);
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static NodeMetrics metrics(Ledger ledger, Mempool mempool) {
    NodeMetrics m = new NodeMetrics();
    m.describe("chancery_block_height", "Height of the latest committed block.")
        .describe("chancery_mempool_transactions", "Transactions waiting for a block.")
        .describe("chancery_mempool_bytes", "Bytes of transactions waiting for a block.")
        .describe("chancery_transactions_accepted_total", "Transactions admitted to the mempool.")
        .describe("chancery_transactions_rejected_total", "Submissions rejected, by error code.")
        .describe("chancery_transactions_committed_total", "Transactions committed in blocks.")
        .describe(
            "chancery_transactions_expired_total",
            "Transactions dropped because their validity window passed while waiting.")
        .describe("chancery_blocks_committed_total", "Blocks this node committed.")
        .describe("chancery_block_commit_seconds", "Time to execute and commit a block.")
        .describe(
            "chancery_block_execute_seconds", "Time to execute a block and compute its roots.")
        .describe("chancery_block_write_seconds", "Time of a block's atomic synced write.")
        .describe("chancery_http_responses_total", "API responses by HTTP status.")
        .describe(
            "chancery_state_pruned_records_total",
            "State-tree records deleted because no retained version needs them.");
    m.gauge("chancery_block_height", ledger::height);
    m.gauge("chancery_mempool_transactions", mempool::size);
    m.gauge("chancery_mempool_bytes", mempool::bytes);
    return m;
  }

  private static byte[] read(java.nio.file.Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read the " + what + ": " + e, e);
    }
  }

  /** The port the API listens on. */
  public int apiPort() {
    return api.port();
  }

  public Ledger ledger() {
    return ledger;
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  public NodeConfig config() {
    return config;
  }

  @Override
  public void close() {
    api.close();
    if (producer != null) {
      producer.close();
    }
    pruner.close();
    db.close();
    log.info("node stopped name={} height={}", config.nodeName(), ledger.height());
  }
}
