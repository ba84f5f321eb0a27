package org.chancery.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.chancery.consensus.types.MessageSigner;
import org.chancery.consensus.wal.ConsensusWal;
import org.chancery.consensus.wal.FileConsensusWal;
import org.chancery.consensus.wal.GuardedSigner;
import org.chancery.contracts.evidence.EvidenceContract;
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
import org.chancery.network.PeerNetwork;
import org.chancery.network.PeerState;
import org.chancery.node.api.ApiContext;
import org.chancery.node.api.ApiLimits;
import org.chancery.node.api.ApiServer;
import org.chancery.node.api.ConsensusView;
import org.chancery.node.bft.BftEngine;
import org.chancery.node.bft.BlockValidator;
import org.chancery.node.bft.EvidenceLog;
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
  private final BftEngine engine;
  private final PeerNetwork network;
  private final ConsensusWal wal;
  private final ApiServer api;
  private final Mempool mempool;
  private final java.util.function.Consumer<org.chancery.core.tx.Transaction> onSubmit;
  private final NodeMetrics metrics;
  private final StatePruner pruner;

  private ChanceryNode(
      NodeConfig config,
      LedgerDatabase db,
      SparseMerkleState state,
      Ledger ledger,
      SoloBlockProducer producer,
      BftEngine engine,
      PeerNetwork network,
      ConsensusWal wal,
      ApiServer api,
      Mempool mempool,
      java.util.function.Consumer<org.chancery.core.tx.Transaction> onSubmit,
      NodeMetrics metrics,
      StatePruner pruner) {
    this.config = config;
    this.db = db;
    this.state = state;
    this.ledger = ledger;
    this.producer = producer;
    this.engine = engine;
    this.network = network;
    this.wal = wal;
    this.api = api;
    this.mempool = mempool;
    this.onSubmit = onSubmit;
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
    return start(config, clock, PeerNetworkFactory.GRPC);
  }

  /**
   * Starts a node whose peer network comes from {@code networks} (BFT only; a solo node has no
   * peers).
   */
  public static ChanceryNode start(NodeConfig config, Clock clock, PeerNetworkFactory networks)
      throws IOException {
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
              suite,
              List.of(new KvContract(), new EvidenceContract(genesis.evidence().limits())),
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
      boolean bft = genesis.consensus().type() == ConsensusType.BFT;
      SoloBlockProducer producer =
          validator && !bft
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
      ConsensusWal wal = null;
      BftEngine created = null;
      if (bft) {
        Path consensusDir = config.dataDir().resolve("consensus");
        Optional<GuardedSigner> signer = Optional.empty();
        boolean walCreated = !Files.exists(consensusDir.resolve(FileConsensusWal.FILE_NAME));
        if (validator) {
          wal = FileConsensusWal.open(consensusDir);
          signer =
              Optional.of(
                  new GuardedSigner(
                      wal,
                      new MessageSigner(suite, genesis.chainId(), config.nodeName(), identityKey),
                      ledger.height() + 1));
        }
        created =
            new BftEngine(
                new BftEngine.Parts(
                    config.nodeName(),
                    validator,
                    ledger,
                    mempool,
                    notifier,
                    metrics,
                    genesis.consensus(),
                    validators,
                    signer,
                    new BlockValidator(
                        ledger,
                        admission,
                        mempool,
                        genesis.consensus(),
                        validators.hash(suite),
                        window,
                        clock),
                    EvidenceLog.open(consensusDir),
                    window,
                    clock,
                    walCreated));
      }
      BftEngine bftEngine = created;
      java.util.function.Consumer<org.chancery.core.tx.Transaction> onSubmit =
          bftEngine != null
              ? bftEngine::admitted
              : producer != null ? tx -> producer.wake() : tx -> {};
      ConsensusView view =
          bftEngine != null ? bftEngine.view() : ConsensusView.solo(ledger::height);
      ApiContext context =
          new ApiContext(
              ledger,
              mempool,
              notifier,
              metrics,
              onSubmit,
              config.nodeName(),
              config.organisation(),
              validator,
              genesis.consensus().type().wireName(),
              () ->
                  Optional.ofNullable(
                          producer != null
                              ? producer.failure()
                              : bftEngine != null ? bftEngine.failure() : null)
                      .map(t -> "block production stopped: " + t),
              ApiLimits.of(
                  genesis.transactions().maxTxBytes(),
                  config.requests().maxConcurrent(),
                  config.requests().perClientPerSecond(),
                  config.requests().perClientBurst()),
              view,
              genesis,
              List.of());
      ApiServer api =
          new ApiServer(
              new InetSocketAddress(config.apiListen().host(), config.apiListen().port()), context);
      StatePruner pruner = new StatePruner(state, metrics);
      PeerNetwork network = null;
      try {
        if (bftEngine != null) {
          network =
              networks.start(
                  config,
                  validators.validators().stream()
                      .collect(
                          java.util.stream.Collectors.toMap(
                              ValidatorSet.Validator::name, ValidatorSet.Validator::organisation)),
                  bftEngine);
          bftEngine.start(network);
          peerMetrics(metrics, network);
        }
        if (producer != null) {
          producer.start();
        }
        api.start();
      } catch (IOException | RuntimeException e) {
        if (bftEngine != null) {
          bftEngine.close();
        }
        if (network != null) {
          network.close();
        }
        if (wal != null) {
          wal.close();
        }
        throw e;
      }
      pruner.start(1000);
      log.info(
          "node started name={} chain={} height={} api=http://{}:{} consensus={} p2p={}",
          config.nodeName(),
          genesis.chainId(),
          ledger.height(),
          config.apiListen().host(),
          api.port(),
          genesis.consensus().type().wireName(),
          network == null ? "-" : config.p2pListen().host() + ":" + network.port());
      return new ChanceryNode(
          config, db, state, ledger, producer, bftEngine, network, wal, api, mempool, onSubmit,
          metrics, pruner);
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
        .describe("chancery_consensus_height", "Height being decided (BFT).")
        .describe("chancery_consensus_round", "Round of the height being decided; -1 while idle.")
        .describe(
            "chancery_consensus_step",
            "Step: -1 idle, 0 none, 1 unstarted, 2 propose, 3 prevote, 4 precommit, 5 commit.")
        .describe(
            "chancery_consensus_rounds_total",
            "Rounds used by decided heights; divide by blocks for rounds per height.")
        .describe("chancery_consensus_block_interval_seconds", "Time between consecutive commits.")
        .describe(
            "chancery_consensus_prevote_nil_total",
            "Proposals this validator found invalid and prevoted nil for, by reason.")
        .describe(
            "chancery_consensus_equivocations_total",
            "Validators caught signing two different votes for one height, round and step.")
        .describe(
            "chancery_consensus_messages_rejected_total",
            "Consensus messages refused, by reason (malformed, signature).")
        .describe(
            "chancery_consensus_messages_ignored_total",
            "Consensus messages not acted on, by reason (height, not-proposer, candidates).")
        .describe(
            "chancery_consensus_inbound_dropped_total",
            "Inbound messages dropped because a processing queue was full, by channel.")
        .describe("chancery_block_validate_seconds", "Time to check and execute a proposed block.")
        .describe("chancery_sync_blocks_total", "Blocks committed by block sync.")
        .describe("chancery_sync_rejected_total", "Synced blocks refused (certificate, roots).")
        .describe(
            "chancery_gossip_transactions_admitted_total",
            "Transactions admitted from peers' gossip.")
        .describe(
            "chancery_gossip_transactions_rejected_total",
            "Gossiped transactions refused, by code (duplicate is normal).")
        .describe(
            "chancery_state_pruned_records_total",
            "State-tree records deleted because no retained version needs them.");
    m.gauge("chancery_block_height", ledger::height);
    m.gauge("chancery_mempool_transactions", mempool::size);
    m.gauge("chancery_mempool_bytes", mempool::bytes);
    return m;
  }

  /** Per-peer gauges of the transport, read from {@link PeerNetwork#peers()} at each scrape. */
  private static void peerMetrics(NodeMetrics m, PeerNetwork network) {
    m.describe("chancery_peer_connected", "1 while the connection to the peer is up.")
        .describe("chancery_peer_queue_depth", "Messages waiting to be sent to the peer.")
        .describe("chancery_peer_messages_sent", "Messages delivered to the peer.")
        .describe("chancery_peer_messages_received", "Messages received from the peer.")
        .describe("chancery_peer_bytes_sent", "Payload bytes delivered to the peer.")
        .describe("chancery_peer_bytes_received", "Payload bytes received from the peer.")
        .describe("chancery_peer_dropped", "Messages to the peer dropped (queue full).");
    peerGauge(m, network, "chancery_peer_connected", p -> p.connected() ? 1L : 0L);
    peerGauge(m, network, "chancery_peer_queue_depth", p -> (long) p.queued());
    peerGauge(m, network, "chancery_peer_messages_sent", PeerState::messagesSent);
    peerGauge(m, network, "chancery_peer_messages_received", PeerState::messagesReceived);
    peerGauge(m, network, "chancery_peer_bytes_sent", PeerState::bytesSent);
    peerGauge(m, network, "chancery_peer_bytes_received", PeerState::bytesReceived);
    peerGauge(m, network, "chancery_peer_dropped", PeerState::dropped);
  }

  private static void peerGauge(
      NodeMetrics m,
      PeerNetwork network,
      String name,
      java.util.function.ToLongFunction<PeerState> value) {
    m.gauges(
        name,
        "peer",
        () -> {
          java.util.Map<String, Long> out = new java.util.HashMap<>();
          for (PeerState p : network.peers()) {
            out.put(p.name(), value.applyAsLong(p));
          }
          return out;
        });
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

  /**
   * Admits a transaction as {@code POST /v1/transactions} does: into the mempool, then to block
   * production (and, with BFT, to every peer).
   *
   * @throws org.chancery.core.tx.InvalidTransactionException if admission refuses it
   * @throws org.chancery.ledger.mempool.MempoolFullException if the mempool is full
   */
  public org.chancery.core.tx.Transaction submit(byte[] encoded) {
    org.chancery.core.tx.Transaction tx = mempool.submit(encoded);
    onSubmit.accept(tx);
    return tx;
  }

  /** The port the peer network listens on, or -1 for a solo node. */
  public int p2pPort() {
    return network == null ? -1 : network.port();
  }

  /** The BFT engine, if the chain runs BFT consensus. */
  public Optional<BftEngine> consensus() {
    return Optional.ofNullable(engine);
  }

  @Override
  public void close() {
    api.close();
    if (producer != null) {
      producer.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (network != null) {
      network.close();
    }
    if (wal != null) {
      wal.close();
    }
    pruner.close();
    db.close();
    log.info("node stopped name={} height={}", config.nodeName(), ledger.height());
  }
}
