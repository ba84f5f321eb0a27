package org.chancery.node.bft;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chancery.consensus.driver.ConsensusDriver;
import org.chancery.consensus.driver.DriverInput;
import org.chancery.consensus.driver.DriverOutput;
import org.chancery.consensus.driver.TimeoutSchedule;
import org.chancery.consensus.driver.Validity;
import org.chancery.consensus.driver.WeightedRoundRobin;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.types.MessageVerifier;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.Validators;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.consensus.wal.GuardedSigner;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.CommitCertificateVerifier;
import org.chancery.core.block.ValidatorSet;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.tx.Transaction;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.ProposedBlock;
import org.chancery.ledger.mempool.Mempool;
import org.chancery.network.Channel;
import org.chancery.network.PeerHandler;
import org.chancery.network.PeerId;
import org.chancery.network.PeerNetwork;
import org.chancery.network.SyncedBlock;
import org.chancery.node.commit.CommitNotifier;
import org.chancery.node.metrics.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Tendermint core ({@link ConsensusDriver}) for a node: the one consensus thread that owns
 * the driver, the ledger's writes and the {@link GuardedSigner}; a pool that checks signatures of
 * incoming proposals and votes in parallel before they reach that thread; timers; gossip; and block
 * sync.
 *
 * <p>Gossip is by repetition: every {@link #TICK_MILLIS} a node tells its peers where it is ({@link
 * WireMessage.StatusMessage}) and re-sends its own signed messages of the current height to peers
 * that are at the same height, so a message lost to a broken connection or a restart arrives later.
 * A node that learns a peer has committed the height it is still deciding fetches the missing
 * blocks from that peer, verifies each commit certificate against the genesis validators, executes
 * the block and checks its roots against the header before committing it.
 *
 * <p>A validator does not start a height until it has something to decide: transactions in its
 * mempool, or a message of another validator for that height, or {@link #HEARTBEAT_MILLIS} without
 * a block. An idle network therefore commits one empty block per heartbeat and no round changes in
 * between.
 *
 * <pre>{@code
 * BftEngine engine = new BftEngine(parts);
 * PeerNetwork network = GrpcPeerNetwork.start(settings, engine);
 * engine.start(network);
 * }</pre>
 */
public final class BftEngine implements PeerHandler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BftEngine.class);

  /** How often a node announces its status and re-sends its own messages. */
  static final long TICK_MILLIS = 500;

  /**
   * An idle network commits an empty block this often, so that a stalled chain is told apart from a
   * quiet one and every node's liveness shows in its height.
   */
  static final long HEARTBEAT_MILLIS = 5_000;

  private static final int EVENT_CAPACITY = 50_000;
  private static final int FUTURE_MESSAGES = 10_000;
  private static final int MAX_RELAYED = 2_000;
  private static final int SYNC_BATCH = 32;
  private static final long SYNC_BYTES = 64L * 1024 * 1024;

  /**
   * What one node brings to consensus. {@code walCreated} says the consensus WAL did not exist when
   * the node started: a new validator, or one whose data directory was lost.
   */
  public record Parts(
      String self,
      boolean validator,
      Ledger ledger,
      Mempool mempool,
      CommitNotifier notifier,
      NodeMetrics metrics,
      ConsensusParameters params,
      ValidatorSet validatorSet,
      Optional<GuardedSigner> signer,
      BlockValidator blockValidator,
      EvidenceLog evidence,
      Duration validityWindow,
      Clock clock,
      boolean walCreated) {
    public Parts {
      Objects.requireNonNull(self, "self");
      Objects.requireNonNull(signer, "signer");
      if (validator && signer.isEmpty()) {
        throw new IllegalArgumentException("a validator needs a signer");
      }
    }
  }

  private sealed interface Event {}

  private record Received(PeerId from, WireMessage message) implements Event {}

  private record TimeoutFired(Timeout timeout) implements Event {}

  private record Tick() implements Event {}

  private record Wake() implements Event {}

  private record Synced(String peer, List<SyncedBlock> blocks) implements Event {}

  /** A block of the current height with what checking it showed. */
  private record Candidate(Block block, BlockCheck check) {}

  private final Parts p;
  private final Validators validators;
  private final MessageVerifier verifier;
  private final CommitCertificateVerifier certificates;
  private final WireCodec codec;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>(EVENT_CAPACITY);
  private final ExecutorService checkers;
  private final ExecutorService admitters;
  private final ScheduledExecutorService timers;
  private final ExecutorService syncer;
  private final Thread loop;
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final AtomicBoolean syncing = new AtomicBoolean();
  private final Map<String, WireMessage.StatusMessage> peerStatus = new ConcurrentHashMap<>();
  private final TransactionGossip gossip;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private volatile PeerNetwork network;

  // Owned by the consensus thread.
  private final ConsensusDriver driver;
  private volatile long height;
  private volatile boolean started;
  private long notBeforeNanos;
  private long heightStartedNanos;
  private long lastCommitNanos;
  private boolean amnesiac;
  private long silentThrough;
  private final Map<ValueId, Candidate> candidates = new HashMap<>();
  private final Map<String, byte[]> mine = new LinkedHashMap<>();
  private final Map<String, byte[]> seen = new LinkedHashMap<>();
  private final Map<Integer, byte[]> myProposals = new HashMap<>();
  private final java.util.Set<Integer> proposalRounds = new java.util.HashSet<>();
  private final List<WireMessage> current = new ArrayList<>();
  private final List<WireMessage> next = new ArrayList<>();

  public BftEngine(Parts parts) {
    this.p = parts;
    this.validators = Validators.of(parts.validatorSet());
    this.verifier =
        new MessageVerifier(parts.ledger().suite(), parts.ledger().chainId(), parts.validatorSet());
    this.certificates =
        new CommitCertificateVerifier(parts.ledger().suite(), parts.ledger().chainId());
    this.codec = new WireCodec(parts.ledger().suite());
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.checkers = boundedPool("consensus-verify", cores, 20_000);
    this.admitters = boundedPool("tx-gossip-admit", cores, 20_000);
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("consensus-timer"));
    this.syncer = Executors.newSingleThreadExecutor(daemon("block-sync"));
    this.driver =
        new ConsensusDriver(
            parts.self(), new WeightedRoundRobin(), TimeoutSchedule.of(parts.params()));
    this.gossip = new TransactionGossip(() -> network, timers);
    this.loop = new Thread(this::run, "consensus");
    this.loop.setDaemon(true);
    this.height = parts.ledger().height() + 1;
  }

  /** Starts consensus over {@code network}, which must already deliver to this engine. */
  public void start(PeerNetwork network) {
    this.network = Objects.requireNonNull(network, "network");
    // A validator whose consensus WAL did not exist may have lost it (a deleted data directory): it
    // cannot know what it signed before. Until its peers say where the network is, it signs
    // nothing; if they have already committed blocks, it stays silent through the height they are
    // deciding, the last one its lost votes could belong to. On a new network they have
    // committed nothing and it signs at once. A lone validator has nobody to ask.
    amnesiac = p.signer().isPresent() && p.walCreated() && !network.peers().isEmpty();
    lastCommitNanos = System.nanoTime();
    p.metrics().gauge("chancery_consensus_height", this::height);
    p.metrics().gauge("chancery_consensus_round", this::round);
    // The step as its position in Step (NONE=0, UNSTARTED=1, PROPOSE=2, ...); -1 while idle.
    p.metrics()
        .gauge(
            "chancery_consensus_step",
            () -> {
              RoundState st = driverState;
              return started && st != null ? st.step().ordinal() : -1;
            });
    loop.start();
    timers.scheduleWithFixedDelay(
        () -> post(new Tick()), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    gossip.start();
    log.info(
        "consensus started node={} validator={} height={} validators={}",
        p.self(),
        p.validator(),
        height,
        validators.powers().keySet());
  }

  /** Tells consensus that transactions wait; cheap enough to call on every submission. */
  public void wake() {
    if (!started && wakePending.compareAndSet(false, true)) {
      post(new Wake());
    }
  }

  /** Gossips a transaction this node admitted from a client to every peer. */
  public void admitted(Transaction tx) {
    gossip.add(tx.encoded());
    wake();
  }

  /** The error that stopped consensus, if any; the node is then unhealthy. */
  public Throwable failure() {
    return failure;
  }

  /** The height being decided. */
  public long height() {
    return height;
  }

  /** The round of the height being decided, or -1 before it starts. */
  public int round() {
    RoundState s = driverState;
    return started && s != null ? s.round() : -1;
  }

  /** The step of the height being decided, as its name. */
  public String step() {
    RoundState s = driverState;
    return started && s != null ? s.step().name().toLowerCase(java.util.Locale.ROOT) : "idle";
  }

  private volatile RoundState driverState;

  /** This engine as the API shows it. */
  public org.chancery.node.api.ConsensusView view() {
    BftEngine engine = this;
    return new org.chancery.node.api.ConsensusView() {
      @Override
      public long height() {
        return engine.height();
      }

      @Override
      public int round() {
        return engine.round();
      }

      @Override
      public String step() {
        return engine.step();
      }

      @Override
      public Map<String, Long> peerHeights() {
        return engine.peerHeights();
      }

      @Override
      public List<org.chancery.consensus.votekeeper.Equivocation> evidence() {
        return p.evidence().all();
      }
    };
  }

  /** The peers' last announced status, by node name. */
  public Map<String, Long> peerHeights() {
    Map<String, Long> out = new java.util.TreeMap<>();
    peerStatus.forEach((name, s) -> out.put(name, s.committedHeight()));
    return out;
  }

  // ---------------------------------------------------------------- network side (any thread)

  @Override
  public void onMessage(PeerId from, Channel channel, byte[] payload) {
    if (!running) {
      return;
    }
    try {
      if (channel == Channel.TRANSACTIONS) {
        admitters.execute(() -> admitGossip(from, payload));
      } else {
        checkers.execute(() -> check(from, payload));
      }
    } catch (RejectedExecutionException e) {
      p.metrics().increment("chancery_consensus_inbound_dropped_total", "channel", channel.name());
    }
  }

  @Override
  public List<SyncedBlock> blocks(PeerId requester, long fromHeight, int maxBlocks, long maxBytes) {
    List<SyncedBlock> out = new ArrayList<>();
    long bytes = 0;
    for (long h = fromHeight; h <= p.ledger().height() && out.size() < maxBlocks; h++) {
      Optional<Block> block = p.ledger().blocks().block(h);
      Optional<CommitCertificate> certificate = p.ledger().blocks().certificate(h);
      if (block.isEmpty() || certificate.isEmpty()) {
        break;
      }
      byte[] encoded = block.get().encode();
      if (!out.isEmpty() && bytes + encoded.length > maxBytes) {
        break;
      }
      bytes += encoded.length;
      out.add(new SyncedBlock(h, encoded, certificate.get().encode()));
    }
    return out;
  }

  private void check(PeerId from, byte[] payload) {
    WireMessage message;
    try {
      message = codec.decode(payload);
    } catch (MalformedMessageException e) {
      p.metrics().increment("chancery_consensus_messages_rejected_total", "reason", "malformed");
      log.debug("malformed consensus message from={} problem={}", from.nodeName(), e.getMessage());
      return;
    }
    long at =
        switch (message) {
          case WireMessage.ProposalMessage m -> m.proposal().height();
          case WireMessage.VoteMessage m -> m.vote().height();
          case WireMessage.StatusMessage s -> -1;
        };
    if (at >= 0) {
      if (!p.validator()) {
        return; // a non-validator follows the chain by block sync only
      }
      long h = height;
      if (at < h || at > h + 1) {
        // Stale, or too far ahead to buffer: block sync covers a peer that is ahead.
        p.metrics().increment("chancery_consensus_messages_ignored_total", "reason", "height");
        return;
      }
      Optional<String> problem =
          verifier.check(
              message instanceof WireMessage.ProposalMessage m ? m.proposal() : vote(message));
      if (problem.isPresent()) {
        p.metrics().increment("chancery_consensus_messages_rejected_total", "reason", "signature");
        log.warn("consensus message rejected from={} problem={}", from.nodeName(), problem.get());
        return;
      }
    }
    post(new Received(from, message));
  }

  private static SignedVote vote(WireMessage m) {
    return ((WireMessage.VoteMessage) m).vote();
  }

  private void admitGossip(PeerId from, byte[] payload) {
    List<byte[]> transactions;
    try {
      transactions = WireCodec.decodeTransactions(payload);
    } catch (MalformedMessageException e) {
      p.metrics().increment("chancery_gossip_transactions_rejected_total", "code", "malformed");
      return;
    }
    int admitted = 0;
    for (byte[] tx : transactions) {
      try {
        p.mempool().submit(tx);
        admitted++;
      } catch (RuntimeException e) {
        // Duplicates are expected (a client may submit to several nodes); other rejections mean
        // the sender's view differs (clock, revocations) and are counted.
        String code =
            e instanceof org.chancery.core.tx.InvalidTransactionException i
                ? i.code()
                : e.getClass().getSimpleName();
        p.metrics().increment("chancery_gossip_transactions_rejected_total", "code", code);
      }
    }
    if (admitted > 0) {
      p.metrics().add("chancery_gossip_transactions_admitted_total", admitted);
      wake();
    }
  }

  private void post(Event e) {
    if (!events.offer(e)) {
      p.metrics().increment("chancery_consensus_inbound_dropped_total", "channel", "events");
    }
  }

  // ---------------------------------------------------------------- the consensus thread

  private void run() {
    try {
      while (running) {
        long wait = TICK_MILLIS;
        if (!started && notBeforeNanos > System.nanoTime()) {
          wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(notBeforeNanos - System.nanoTime()));
        }
        Event e = events.poll(wait, TimeUnit.MILLISECONDS);
        if (e != null) {
          handle(e);
        }
        maybeStartHeight();
        driverState = driver.roundState();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("consensus stopped: {}", e.toString(), e);
    }
  }

  private void handle(Event e) {
    switch (e) {
      case Received r -> receive(r.from(), r.message());
      case TimeoutFired t -> {
        if (started && t.timeout().height() == height) {
          feed(new DriverInput.TimeoutExpired(t.timeout()));
        }
      }
      case Tick t -> tick();
      case Wake w -> wakePending.set(false);
      case Synced s -> applySynced(s.peer(), s.blocks());
    }
  }

  private void receive(PeerId from, WireMessage message) {
    switch (message) {
      case WireMessage.StatusMessage s -> {
        if (amnesiac) {
          amnesiac = false;
          if (s.committedHeight() > 0) {
            silentThrough = Math.max(s.height(), s.committedHeight() + 1);
            log.warn(
                "consensus WAL was missing but the network has committed blocks; not signing through"
                    + " height={} in case this validator signed there before losing its WAL",
                silentThrough);
          }
        }
        peerStatus.put(from.nodeName(), s);
        if (s.committedHeight() >= height) {
          startSync(from.nodeName());
        }
      }
      case WireMessage.ProposalMessage m -> {
        long h = m.proposal().height();
        if (h == height + 1) {
          buffer(m);
        } else if (h == height) {
          if (started) {
            onProposal(m);
          } else {
            current.add(m);
          }
        }
      }
      case WireMessage.VoteMessage v -> {
        long h = v.vote().height();
        if (h == height + 1) {
          buffer(v);
        } else if (h == height) {
          if (started) {
            remember(v.vote());
            feed(new DriverInput.VoteReceived(v.vote()));
          } else {
            current.add(v);
          }
        }
      }
    }
  }

  /** Keeps a verified vote of this height for relaying, one per validator, step and round. */
  private void remember(SignedVote v) {
    if (seen.size() < MAX_RELAYED) {
      seen.putIfAbsent(
          v.vote().validator() + "/" + v.vote().type() + "/" + v.vote().round(),
          WireCodec.encode(new WireMessage.VoteMessage(v)));
    }
  }

  private void buffer(WireMessage m) {
    if (next.size() < FUTURE_MESSAGES) {
      next.add(m);
    }
  }

  private void maybeStartHeight() {
    if (started || !p.validator() || amnesiac || System.nanoTime() < notBeforeNanos) {
      return;
    }
    boolean heartbeat =
        System.nanoTime() - lastCommitNanos >= TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS);
    if (p.mempool().size() == 0 && current.isEmpty() && !heartbeat) {
      return;
    }
    startHeight();
  }

  private void startHeight() {
    GuardedSigner signer = p.signer().orElseThrow();
    started = true;
    heightStartedNanos = System.nanoTime();
    List<SignedVote> early = new ArrayList<>();
    List<WireMessage.ProposalMessage> proposals = new ArrayList<>();
    for (WireMessage m : current) {
      if (m instanceof WireMessage.VoteMessage v) {
        early.add(v.vote());
        remember(v.vote());
      } else if (m instanceof WireMessage.ProposalMessage pm) {
        proposals.add(pm);
      }
    }
    current.clear();
    // After a restart, what this validator signed here before may never have left the process.
    for (SignedVote own : signer.votesAt(height)) {
      mine.put(
          own.vote().type() + "/" + own.vote().round(),
          WireCodec.encode(new WireMessage.VoteMessage(own)));
    }
    Optional<DriverInput.Lock> lock = signer.lock(height);
    if (lock.isPresent()) {
      early.addAll(signer.proofOfLock(height));
      signer.proofOfLock(height).forEach(this::remember);
      log.info(
          "lock restored height={} round={} value={}",
          height,
          lock.get().round(),
          lock.get().value());
    }
    feed(new DriverInput.StartHeight(height, validators, early, List.of(), lock));
    for (WireMessage.ProposalMessage m : proposals) {
      if (!started) {
        break;
      }
      onProposal(m);
    }
  }

  private void onProposal(WireMessage.ProposalMessage m) {
    Proposal proposal = m.proposal().proposal();
    if (!proposal.proposer().equals(driver.proposer(proposal.round()))) {
      // Executing a block costs; only the round's proposer may make this validator do it.
      p.metrics().increment("chancery_consensus_messages_ignored_total", "reason", "not-proposer");
      return;
    }
    ValueId value = proposal.value();
    proposalRounds.add(m.proposal().proposal().round());
    Candidate c = candidates.get(value);
    if (c == null) {
      if (candidates.size() >= 64) {
        p.metrics().increment("chancery_consensus_messages_ignored_total", "reason", "candidates");
        return;
      }
      long checking = System.nanoTime();
      // A proposal with a valid round re-proposes the block built in that round (Algorithm 1,
      // line 16): that round's proposer built it and is named in its header.
      String builder =
          proposal.validRound() >= 0 && proposal.validRound() < proposal.round()
              ? driver.proposer(proposal.validRound())
              : proposal.proposer();
      BlockCheck check = p.blockValidator().check(m.block(), builder);
      p.metrics().time("chancery_block_validate_seconds", System.nanoTime() - checking);
      c = new Candidate(m.block(), check);
      candidates.put(value, c);
      if (!check.isValid()) {
        p.metrics().increment("chancery_consensus_prevote_nil_total", "reason", check.reason());
        log.warn(
            "proposal invalid height={} round={} proposer={} reason={} detail={}",
            m.proposal().proposal().height(),
            m.proposal().proposal().round(),
            m.proposal().proposal().proposer(),
            check.reason(),
            check.detail());
      }
    }
    feed(new DriverInput.ProposalReceived(m.proposal(), validity(c)));
  }

  private static Validity validity(Candidate c) {
    return c.check().isValid() ? Validity.VALID : Validity.INVALID;
  }

  /** Applies an input and everything it causes locally: own messages, values, the decision. */
  private void feed(DriverInput first) {
    Deque<DriverInput> local = new ArrayDeque<>();
    local.add(first);
    while (!local.isEmpty()) {
      for (DriverOutput o : driver.apply(local.poll())) {
        switch (o) {
          case DriverOutput.BroadcastProposal b -> propose(b.proposal(), local);
          case DriverOutput.BroadcastVote b -> vote(b.vote(), local);
          case DriverOutput.ScheduleTimeout t ->
              timers.schedule(
                  () -> post(new TimeoutFired(t.timeout())),
                  t.delayMillis(),
                  TimeUnit.MILLISECONDS);
          case DriverOutput.RequestValue r ->
              local.add(new DriverInput.ValueToPropose(r.height(), r.round(), buildBlock()));
          case DriverOutput.Decide d -> {
            decide(d);
            return;
          }
          case DriverOutput.EvidenceFound f -> {
            if (p.evidence().record(f.equivocation())) {
              p.metrics().increment("chancery_consensus_equivocations_total");
              log.warn(
                  "equivocation validator={} first={} second={}",
                  f.equivocation().validator(),
                  f.equivocation().counted().vote(),
                  f.equivocation().conflicting().vote());
            }
          }
          case DriverOutput.InputIgnored i ->
              log.trace("input ignored input={} reason={}", i.input(), i.reason());
        }
      }
    }
  }

  private ValueId buildBlock() {
    Instant now = p.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    Instant parent = p.ledger().lastTime();
    Instant time = now.isAfter(parent) ? now : parent.plusMillis(1);
    int expired =
        p.mempool()
            .removeIf(
                tx ->
                    Duration.between(tx.body().timestamp(), time)
                            .abs()
                            .compareTo(p.validityWindow())
                        > 0);
    if (expired > 0) {
      p.metrics().add("chancery_transactions_expired_total", expired);
    }
    List<Transaction> batch =
        p.mempool().peekBatch(p.params().maxBlockTxs(), p.params().maxBlockBytes());
    long executing = System.nanoTime();
    ProposedBlock proposed = p.ledger().propose(batch, time, p.self());
    p.metrics().time("chancery_block_execute_seconds", System.nanoTime() - executing);
    ValueId value = new ValueId(proposed.block().hash());
    candidates.put(value, new Candidate(proposed.block(), BlockCheck.valid(proposed)));
    return value;
  }

  private void propose(Proposal proposal, Deque<DriverInput> local) {
    if (proposal.height() <= silentThrough) {
      return;
    }
    SignedProposal signed = p.signer().orElseThrow().sign(proposal);
    Candidate c = candidates.get(signed.proposal().value());
    if (c == null) {
      // Before a restart this validator proposed another block in this round; it signed that one
      // and must not sign another, and the block itself is gone. Staying silent is safe: the
      // round times out.
      log.warn(
          "earlier proposal's block unavailable, not proposing height={} round={}",
          proposal.height(),
          proposal.round());
      return;
    }
    byte[] bytes = WireCodec.encode(new WireMessage.ProposalMessage(signed, c.block()));
    myProposals.put(signed.proposal().round(), bytes);
    proposalRounds.add(signed.proposal().round());
    network.broadcast(Channel.CONSENSUS, bytes);
    local.add(new DriverInput.ProposalReceived(signed, validity(c)));
  }

  private void vote(Vote vote, Deque<DriverInput> local) {
    if (vote.height() <= silentThrough) {
      p.metrics().increment("chancery_consensus_votes_withheld_total");
      return;
    }
    GuardedSigner signer = p.signer().orElseThrow();
    SignedVote signed =
        vote.type() == VoteType.PRECOMMIT && vote.value().isPresent()
            ? signer.sign(vote, driver.prevotesFor(vote.round(), vote.value().get()))
            : signer.sign(vote);
    byte[] bytes = WireCodec.encode(new WireMessage.VoteMessage(signed));
    mine.put(signed.vote().type() + "/" + signed.vote().round(), bytes);
    network.broadcast(Channel.CONSENSUS, bytes);
    local.add(new DriverInput.VoteReceived(signed));
  }

  private void decide(DriverOutput.Decide d) {
    Candidate c = candidates.get(d.proposal().proposal().value());
    if (c == null || c.check().executed().isEmpty()) {
      // The driver decides only a value it was told is valid, which this node executed.
      throw new IllegalStateException(
          "decided block " + d.proposal().proposal().value() + " was not executed here");
    }
    long writing = System.nanoTime();
    p.ledger().commit(c.check().executed().get(), d.certificate());
    p.metrics().time("chancery_block_write_seconds", System.nanoTime() - writing);
    p.metrics().add("chancery_consensus_rounds_total", d.round() + 1L);
    committed(c.check().executed().get().block(), c.check().executed().get().receipts());
  }

  private void committed(Block block, List<org.chancery.core.block.Receipt> receipts) {
    List<Bytes> ids = new ArrayList<>(block.transactions().size());
    block.transactions().forEach(tx -> ids.add(tx.txId()));
    p.mempool().remove(ids);
    p.notifier().committed(block, receipts);
    p.metrics().increment("chancery_blocks_committed_total");
    p.metrics().add("chancery_transactions_committed_total", ids.size());
    long now = System.nanoTime();
    if (started) {
      p.metrics().time("chancery_block_commit_seconds", now - heightStartedNanos);
    }
    p.metrics().time("chancery_consensus_block_interval_seconds", now - lastCommitNanos);
    lastCommitNanos = now;
    p.signer().ifPresent(s -> s.committed(block.height()));
    log.debug(
        "committed block height={} txs={} hash={}", block.height(), ids.size(), block.hash().hex());
    height = block.height() + 1;
    started = false;
    candidates.clear();
    mine.clear();
    seen.clear();
    myProposals.clear();
    proposalRounds.clear();
    current.clear();
    List<WireMessage> ahead = new ArrayList<>(next);
    next.clear();
    for (WireMessage m : ahead) {
      if (height(m) == height) {
        current.add(m);
      }
    }
    notBeforeNanos = now + TimeUnit.MILLISECONDS.toNanos(p.params().blockIntervalMs());
    announce();
  }

  private static long height(WireMessage m) {
    return switch (m) {
      case WireMessage.ProposalMessage pm -> pm.proposal().height();
      case WireMessage.VoteMessage v -> v.vote().height();
      case WireMessage.StatusMessage s -> s.height();
    };
  }

  private void tick() {
    announce();
    if (!started) {
      return;
    }
    // Re-send this validator's own messages of this height to peers at this height that may have
    // missed them (a broken connection, a restart). Proposals, which carry a block, go only to
    // peers that say they lack the proposal of the round.
    int round = driver.roundState().round();
    for (Map.Entry<String, WireMessage.StatusMessage> e : peerStatus.entrySet()) {
      WireMessage.StatusMessage s = e.getValue();
      if (s.height() != height) {
        continue;
      }
      for (byte[] bytes : mine.values()) {
        network.send(e.getKey(), Channel.CONSENSUS, bytes);
      }
      // Relay others' votes too: a peer that was down when they were sent needs them to see a
      // polka (for example the one behind a re-proposed valid value) even if their signers are
      // down now.
      for (Map.Entry<String, byte[]> v : seen.entrySet()) {
        if (!v.getKey().startsWith(e.getKey() + "/")) {
          network.send(e.getKey(), Channel.CONSENSUS, v.getValue());
        }
      }
      byte[] proposal = myProposals.get(s.round());
      if (proposal != null && !s.hasProposal() && s.round() <= round) {
        network.send(e.getKey(), Channel.CONSENSUS, proposal);
      }
    }
  }

  private void announce() {
    PeerNetwork net = network;
    if (net == null) {
      return;
    }
    RoundState s = driver.roundState();
    boolean hasProposal = started && proposalRounds.contains(s.round());
    net.broadcast(
        Channel.CONSENSUS,
        WireCodec.encode(
            new WireMessage.StatusMessage(
                p.ledger().height(), height, started ? s.round() : 0, hasProposal)));
  }

  // ---------------------------------------------------------------- block sync

  private void startSync(String peer) {
    if (!syncing.compareAndSet(false, true)) {
      return;
    }
    long from = p.ledger().height() + 1;
    try {
      syncer.execute(
          () -> {
            try {
              post(new Synced(peer, network.fetchBlocks(peer, from, SYNC_BATCH)));
            } catch (org.chancery.network.PeerException e) {
              log.info(
                  "block sync from peer failed peer={} from={} problem={}",
                  peer,
                  from,
                  e.getMessage());
              syncing.set(false);
            } catch (RuntimeException e) {
              log.warn("block sync failed peer={} from={}", peer, from, e);
              syncing.set(false);
            }
          });
    } catch (RejectedExecutionException e) {
      syncing.set(false);
    }
  }

  private void applySynced(String peer, List<SyncedBlock> synced) {
    try {
      for (SyncedBlock s : synced) {
        if (s.height() != p.ledger().height() + 1) {
          continue;
        }
        Block block;
        CommitCertificate certificate;
        try {
          block = Block.decode(s.block(), p.ledger().suite());
          certificate = CommitCertificate.decode(s.certificate());
        } catch (RuntimeException e) {
          refuseSync(peer, s.height(), "undecodable block or certificate: " + e.getMessage());
          return;
        }
        if (block.height() != s.height()) {
          refuseSync(peer, s.height(), "peer sent block " + block.height());
          return;
        }
        try {
          certificates.verify(certificate, block.height(), block.hash(), p.validatorSet());
        } catch (RuntimeException e) {
          refuseSync(peer, s.height(), "commit certificate: " + e.getMessage());
          return;
        }
        BlockCheck check = p.blockValidator().replay(block);
        if (!check.isValid()) {
          refuseSync(peer, s.height(), check.reason() + ": " + check.detail());
          return;
        }
        ProposedBlock executed = check.executed().orElseThrow();
        p.ledger().commit(executed, certificate);
        p.metrics().increment("chancery_sync_blocks_total");
        committed(executed.block(), executed.receipts());
        log.info("synced block height={} from={}", block.height(), peer);
      }
    } finally {
      syncing.set(false);
    }
    WireMessage.StatusMessage status = peerStatus.get(peer);
    if (status != null && status.committedHeight() >= height) {
      startSync(peer);
    }
  }

  private void refuseSync(String peer, long at, String why) {
    p.metrics().increment("chancery_sync_rejected_total");
    log.warn("synced block rejected from={} height={} problem={}", peer, at, why);
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    try {
      loop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    gossip.close();
    timers.shutdownNow();
    syncer.shutdownNow();
    checkers.shutdownNow();
    admitters.shutdownNow();
  }

  private static ExecutorService boundedPool(String name, int threads, int queue) {
    return new ThreadPoolExecutor(
        threads,
        threads,
        30,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue),
        daemon(name),
        new ThreadPoolExecutor.AbortPolicy());
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
