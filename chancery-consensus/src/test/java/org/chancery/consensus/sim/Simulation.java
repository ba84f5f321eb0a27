package org.chancery.consensus.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.chancery.consensus.driver.ConsensusDriver;
import org.chancery.consensus.driver.DriverInput;
import org.chancery.consensus.driver.DriverOutput;
import org.chancery.consensus.driver.TimeoutSchedule;
import org.chancery.consensus.driver.Validity;
import org.chancery.consensus.driver.WeightedRoundRobin;
import org.chancery.consensus.types.ConsensusMessage;
import org.chancery.consensus.types.MessageSigner;
import org.chancery.consensus.types.MessageVerifier;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Validators;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.consensus.wal.ConsensusWal;
import org.chancery.consensus.wal.GuardedSigner;
import org.chancery.consensus.wal.InMemoryWal;
import org.chancery.consensus.wal.WalEntry;
import org.chancery.core.Bytes;
import org.chancery.core.block.CommitCertificateVerifier;
import org.chancery.core.block.InvalidCertificateException;
import org.chancery.core.block.ValidatorSet;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;

/**
 * A deterministic discrete-event simulation of n validators running the real {@link
 * ConsensusDriver}, {@link GuardedSigner} over an {@link InMemoryWal}, and real signatures checked
 * with {@link MessageVerifier}, on a virtual clock. One seed drives everything: network delays,
 * loss, duplication, partitions, crash and restart times, per-validator timer drift and the
 * Byzantine validators' strategies. There are no threads and no wall clock, so a seed always
 * produces the same event log (signature bytes are randomised by the suites, so they are left out
 * of the log and never influence a decision of the simulator).
 *
 * <p>Invariants are checked at the step that could break them: agreement and validity (with the
 * certificate verified by core's {@link CommitCertificateVerifier}) at every decision, no honest
 * double-sign at every signature, and liveness at the end: after the heal time every honest
 * validator reaches the target height within {@link #livenessBoundMillis}.
 */
final class Simulation {
  static final String CHAIN = "chancery-sim";

  /** Short timeouts keep simulated time (and rounds) small; they grow with the round as usual. */
  static final TimeoutSchedule TIMEOUTS = new TimeoutSchedule(300, 100, 150, 50, 150, 50);

  private static final long MAX_EVENTS = 3_000_000;
  private static final long MAX_DELAY_AFTER_HEAL = 40;
  private static final long GOSSIP_MILLIS = 400;

  /** How long a planted {@link SimConfig.WalFault#SENT_BEFORE_SYNC} WAL leaves writes unsynced. */
  static final long SYNC_LAG_MILLIS = 500;

  private static final boolean TRACE = Boolean.getBoolean("chancery.sim.trace");

  /**
   * Key generation is the slowest part of a short run, and keys never influence the trace (only
   * whether a signature verifies does), so each suite and size reuses one set of keys.
   */
  private static final Map<String, List<EcKeyPair>> KEYS = new ConcurrentHashMap<>();

  private final long seed;
  private final SimConfig config;
  private final CryptoSuite suite;
  private final SplittableRandom random;
  private final List<String> names = new ArrayList<>();
  private final ValidatorSet validatorSet;
  private final Validators validators;
  private final MessageVerifier verifier;
  private final Map<ConsensusMessage, Boolean> verified = new HashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private final PriorityQueue<SimEvent> queue = new PriorityQueue<>();
  private final TreeMap<ValueId, Boolean> blocks = new TreeMap<>();
  private final TreeMap<Long, ValueId> decided = new TreeMap<>();
  private final Map<String, Object> honestSigned = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private final MessageDigest log;
  private final TreeMap<String, Long> stats = new TreeMap<>();

  private TreeMap<String, Long> counters = new TreeMap<>();
  private long now;
  private long seq;
  private long events;
  private final long healAt;
  private final long maxDelay;
  private final double loss;
  private final double duplication;
  private final int[] side;

  Simulation(long seed, SimConfig config, CryptoSuite suite) {
    this.seed = seed;
    this.config = config;
    this.suite = suite;
    this.random = new SplittableRandom(seed);
    try {
      this.log = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<EcKeyPair> keys =
        KEYS.computeIfAbsent(
            suite.name() + "/" + config.n(),
            k -> {
              List<EcKeyPair> ks = new ArrayList<>();
              for (int i = 0; i < config.n(); i++) {
                ks.add(suite.generateKeyPair());
              }
              return List.copyOf(ks);
            });
    List<ValidatorSet.Validator> members = new ArrayList<>();
    for (int i = 0; i < config.n(); i++) {
      String name = "v" + i;
      names.add(name);
      members.add(new ValidatorSet.Validator(name, "org-" + i, keys.get(i).publicKey(), 1));
    }
    this.validatorSet = new ValidatorSet(members);
    this.validators = Validators.of(validatorSet);
    this.verifier = new MessageVerifier(suite, CHAIN, validatorSet);

    FaultMix f = config.faults();
    boolean faulty = f.lossy || f.partitions || f.crashes;
    this.healAt = faulty ? 1_000 + random.nextLong(8_000) : 0;
    this.maxDelay = new long[] {10, 40, 150, 400}[random.nextInt(4)];
    this.loss = f.lossy ? new double[] {0.01, 0.05, 0.15, 0.3}[random.nextInt(4)] : 0;
    this.duplication = f.lossy ? random.nextDouble() * 0.1 : 0;
    this.side = new int[config.n()];
    if (f.partitions) {
      for (int i = 0; i < config.n(); i++) {
        side[i] = random.nextInt(2);
      }
    }
    int byzantine = config.byzantine();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < config.n(); i++) {
      order.add(i);
    }
    for (int i = order.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order.get(i);
      order.set(i, order.get(j));
      order.set(j, t);
    }
    for (int i = 0; i < config.n(); i++) {
      String name = names.get(i);
      ByzantineStrategy strategy =
          order.indexOf(i) < byzantine
              ? ByzantineStrategy.values()[random.nextInt(ByzantineStrategy.values().length)]
              : null;
      double drift = 0.8 + random.nextDouble() * 0.45;
      MessageSigner signer = new MessageSigner(suite, CHAIN, name, keys.get(i).privateKey());
      nodes.add(new Node(i, name, strategy, drift, signer));
    }
    if (f.crashes) {
      int crashes = 1 + random.nextInt(Math.max(1, config.n()));
      for (int c = 0; c < crashes; c++) {
        Node victim = nodes.get(random.nextInt(config.n()));
        long at = random.nextLong(Math.max(1, healAt - 200));
        long downFor = 1 + random.nextLong(Math.max(1, healAt - at - 1));
        schedule(new SimEvent.Crash(at, seq++, victim.index));
        schedule(new SimEvent.Restart(at + downFor, seq++, victim.index));
      }
    }
  }

  /** The run's counters (messages sent, lost, crashes, evidence...), once it has run. */
  Map<String, Long> counters() {
    return counters;
  }

  /** Milliseconds after the heal time by which every honest validator must reach the target. */
  long livenessBoundMillis() {
    return 20_000 + 4_000L * config.heights();
  }

  SimResult run() {
    note("config " + config.n() + " " + config.faults() + " " + config.heights());
    for (Node node : nodes) {
      note("node " + node.name + " " + node.strategy + " drift " + node.drift);
      node.start();
    }
    long deadline = healAt + livenessBoundMillis();
    while (violations.isEmpty() && !allHonestReachedTarget()) {
      SimEvent e = queue.poll();
      if (e == null || e.time() > deadline) {
        violations.add(
            "liveness: not every honest validator decided "
                + config.heights()
                + " heights within "
                + livenessBoundMillis()
                + " ms after the heal at "
                + healAt
                + " ms; heights reached "
                + honestHeights());
        break;
      }
      if (++events > MAX_EVENTS) {
        violations.add("event budget exhausted at " + now + " ms (a message storm?)");
        break;
      }
      now = e.time();
      dispatch(e);
    }
    long done = Long.MAX_VALUE;
    for (Node node : nodes) {
      if (node.honest()) {
        done = Math.min(done, node.height - 1);
      }
    }
    StringBuilder s = new StringBuilder();
    counters = new TreeMap<>(stats);
    stats.forEach((k, v) -> s.append(k).append('=').append(v).append(' '));
    return new SimResult(
        seed,
        config,
        List.copyOf(violations),
        done,
        now,
        events,
        HexFormat.of().formatHex(log.digest()),
        s.toString().trim());
  }

  private String honestHeights() {
    StringBuilder s = new StringBuilder();
    for (Node node : nodes) {
      if (node.honest()) {
        s.append(node.name).append('=').append(node.height - 1).append(node.up ? "" : "(down)");
        s.append(' ');
      }
    }
    return s.toString().trim();
  }

  private boolean allHonestReachedTarget() {
    for (Node node : nodes) {
      if (node.honest() && (node.height <= config.heights() || !node.up)) {
        return false;
      }
    }
    return true;
  }

  private void schedule(SimEvent e) {
    queue.add(e);
  }

  private void dispatch(SimEvent e) {
    switch (e) {
      case SimEvent.Deliver d -> nodes.get(d.to()).receive(d.from(), d.wire());
      case SimEvent.Fire t -> {
        Node node = nodes.get(t.node());
        if (node.up && node.incarnation == t.incarnation()) {
          note(node.name + " timeout " + t.timeout());
          node.feed(new DriverInput.TimeoutExpired(t.timeout()));
        }
      }
      case SimEvent.Crash c -> nodes.get(c.node()).crash();
      case SimEvent.Restart r -> nodes.get(r.node()).restart();
      case SimEvent.Gossip g -> {
        Node node = nodes.get(g.node());
        if (node.up && node.incarnation == g.incarnation()) {
          node.gossip();
        }
      }
      case SimEvent.NextHeight h -> {
        Node node = nodes.get(h.node());
        if (node.up && node.incarnation == h.incarnation()) {
          node.nextHeight();
        }
      }
    }
  }

  private void send(int from, int to, Wire wire) {
    bump("sent");
    if (now < healAt) {
      if (side[from] != side[to]) {
        bump("partitioned");
        return;
      }
      if (random.nextDouble() < loss) {
        bump("lost");
        return;
      }
    }
    schedule(new SimEvent.Deliver(now + delay(), seq++, to, from, wire));
    if (now < healAt && random.nextDouble() < duplication) {
      bump("duplicated");
      schedule(new SimEvent.Deliver(now + delay(), seq++, to, from, wire));
    }
  }

  private long delay() {
    if (now >= healAt) {
      return 1 + random.nextLong(Math.min(maxDelay, MAX_DELAY_AFTER_HEAL));
    }
    long d = 1 + random.nextLong(maxDelay);
    return random.nextInt(20) == 0 ? d * 5 : d; // a long tail reorders messages
  }

  private ValueId value(long height, int round, String proposer, String kind) {
    byte[] text =
        (CHAIN + "|" + height + "|" + round + "|" + proposer + "|" + kind)
            .getBytes(StandardCharsets.UTF_8);
    return new ValueId(Bytes.of(suite.hash(text)));
  }

  /** An honest block: valid. */
  private ValueId honestBlock(long height, int round, String proposer, String variant) {
    ValueId v = value(height, round, proposer, "block" + variant);
    blocks.put(v, true);
    return v;
  }

  /** What executing the block shows: only known, well-formed blocks are valid. */
  private Validity validity(ValueId value) {
    return blocks.getOrDefault(value, false) ? Validity.VALID : Validity.INVALID;
  }

  private boolean verifies(ConsensusMessage m) {
    // The same signed bytes always verify the same way: check each distinct message once.
    return verified.computeIfAbsent(m, verifier::verifies);
  }

  private void recordHonestSignature(Node node, Object message, long h, int r, String step) {
    String slot = node.name + "|" + h + "|" + r + "|" + step;
    Object earlier = honestSigned.putIfAbsent(slot, message);
    if (earlier != null && !earlier.equals(message)) {
      violations.add(
          "double sign: honest "
              + node.name
              + " signed "
              + earlier
              + " and "
              + message
              + " at "
              + now
              + " ms");
    }
  }

  private void checkDecision(Node node, DriverOutput.Decide d) {
    ValueId value = d.proposal().proposal().value();
    ValueId first = decided.putIfAbsent(d.height(), value);
    if (first != null && !first.equals(value)) {
      violations.add(
          "agreement: at height "
              + d.height()
              + " "
              + node.name
              + " decided "
              + value
              + " but another honest validator decided "
              + first);
    }
    if (!blocks.getOrDefault(value, false)) {
      violations.add(
          "validity: "
              + node.name
              + " decided "
              + value
              + " at height "
              + d.height()
              + ", which no honest validator considers valid");
    }
    try {
      new CommitCertificateVerifier(suite, CHAIN)
          .verify(d.certificate(), d.height(), value.bytes(), validatorSet);
    } catch (InvalidCertificateException e) {
      violations.add(
          "validity: "
              + node.name
              + "'s certificate for height "
              + d.height()
              + " does not verify: "
              + e.getMessage());
    }
  }

  private void note(String line) {
    if (TRACE) {
      System.out.println(now + " " + line);
    }
    log.update((now + " " + line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void bump(String counter) {
    stats.merge(counter, 1L, Long::sum);
  }

  private final class Node {
    final int index;
    final String name;
    final ByzantineStrategy strategy;
    final double drift;
    final MessageSigner signer;
    ConsensusWal wal =
        config.walFault() == SimConfig.WalFault.SENT_BEFORE_SYNC
            ? new UnsyncedWal()
            : new InMemoryWal();
    ConsensusDriver driver;
    GuardedSigner guard;
    boolean up = true;
    int incarnation;
    long height = 1;
    final TreeMap<Long, DriverOutput.Decide> store = new TreeMap<>();
    final TreeMap<Long, List<Wire>> future = new TreeMap<>();
    final Map<Integer, Long> lastSync = new HashMap<>();

    /** Own signed messages of the current height, re-sent periodically to everyone (gossip). */
    final List<Wire> mine = new ArrayList<>();

    /** Every verified message of the current height, relayed to one random peer per gossip. */
    final LinkedHashSet<Wire> seen = new LinkedHashSet<>();

    Node(int index, String name, ByzantineStrategy strategy, double drift, MessageSigner signer) {
      this.index = index;
      this.name = name;
      this.strategy = strategy;
      this.drift = drift;
      this.signer = signer;
    }

    boolean honest() {
      return strategy == null;
    }

    void start() {
      driver =
          new ConsensusDriver(
              name,
              new WeightedRoundRobin(),
              TIMEOUTS,
              config.rules(),
              config.thresholds(),
              config.driverRules());
      long replayFrom =
          config.walFault() == SimConfig.WalFault.NOT_REPLAYED ? Long.MAX_VALUE : height;
      guard = new GuardedSigner(wal, signer, replayFrom);
      startHeight();
      scheduleGossip();
    }

    private void scheduleGossip() {
      long every = Math.round(GOSSIP_MILLIS * drift);
      schedule(new SimEvent.Gossip(now + every, seq++, index, incarnation));
    }

    /**
     * Tendermint assumes gossip: a message an honest validator received is eventually received by
     * every honest validator. Here each honest validator re-sends its own messages of its height to
     * everyone, and everything it received for its height, with the quorums among it as
     * certificates, to one random peer; a validator that is behind asks for the commit (block
     * sync).
     */
    void gossip() {
      scheduleGossip();
      if (!honest() || nodes.size() == 1) {
        return;
      }
      for (Wire w : mine) {
        for (int to = 0; to < nodes.size(); to++) {
          if (to != index) {
            send(index, to, w);
          }
        }
      }
      int peer = random.nextInt(nodes.size() - 1);
      int to = peer >= index ? peer + 1 : peer;
      for (Wire w : seen) {
        send(index, to, w);
      }
      for (Wire.Cert c : certificates()) {
        send(index, to, c);
      }
    }

    /**
     * Quorums for a value among the votes held: relayed as certificates, so that a peer that
     * counted an equivocator's other vote first still learns of the polka or commit.
     */
    private List<Wire.Cert> certificates() {
      Map<String, List<SignedVote>> groups = new LinkedHashMap<>();
      Map<String, Set<String>> voters = new HashMap<>();
      List<Wire> held = new ArrayList<>(mine);
      held.addAll(seen);
      for (Wire w : held) {
        if (w instanceof Wire.VoteMsg(SignedVote sv) && !sv.vote().isNil()) {
          Vote v = sv.vote();
          String key = v.type() + "|" + v.round() + "|" + v.value().get();
          if (voters.computeIfAbsent(key, k -> new HashSet<>()).add(v.validator())) {
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(sv);
          }
        }
      }
      List<Wire.Cert> certs = new ArrayList<>();
      for (List<SignedVote> votes : groups.values()) {
        if (3L * votes.size() > 2L * nodes.size()) {
          certs.add(new Wire.Cert(votes));
        }
      }
      return certs;
    }

    void crash() {
      if (!up) {
        return;
      }
      note(name + " crash");
      bump("crashes");
      up = false;
      incarnation++;
      future.clear();
      if (wal instanceof UnsyncedWal unsynced) {
        unsynced.loseAppendedAfter(now - SYNC_LAG_MILLIS);
      }
    }

    void restart() {
      if (up) {
        return;
      }
      while (store.containsKey(height)) {
        height++; // the block store survives the crash
      }
      note(name + " restart at height " + height);
      up = true;
      if (config.walFault() == SimConfig.WalFault.VOLATILE) {
        wal = new InMemoryWal();
      }
      start();
    }

    void nextHeight() {
      while (store.containsKey(height)) {
        height++;
      }
      startHeight();
    }

    private void startHeight() {
      List<SignedVote> early = new ArrayList<>();
      List<Wire> later = new ArrayList<>();
      for (Wire w : future.getOrDefault(height, List.of())) {
        if (w instanceof Wire.VoteMsg v) {
          early.add(v.v());
        } else {
          later.add(w);
        }
      }
      future.headMap(height, true).clear();
      mine.clear();
      seen.clear();
      for (WalEntry e : wal.entriesFrom(height)) {
        if (e.height() == height && honest()) {
          switch (e) {
            case WalEntry.ProposalSigned p -> mine.add(new Wire.Prop(p.proposal()));
            case WalEntry.VoteSigned v -> mine.add(new Wire.VoteMsg(v.vote()));
            case WalEntry.ProofOfLock p -> {}
          }
        }
      }
      // A restarted validator restores its lock and feeds back the prevotes that justified it, so
      // it can relay them; a fresh start has neither.
      List<SignedVote> restored = new ArrayList<>(early);
      Optional<DriverInput.Lock> lock = honest() ? guard.lock(height) : Optional.empty();
      if (lock.isPresent()) {
        restored.addAll(guard.proofOfLock(height));
        bump("locks restored");
      }
      for (SignedVote v : restored) {
        seen.add(new Wire.VoteMsg(v));
      }
      note(name + " start height " + height + " early " + early.size() + " lock " + lock);
      feed(new DriverInput.StartHeight(height, validators, restored, List.of(), lock));
      for (Wire w : later) {
        accept(w);
      }
    }

    void receive(int from, Wire wire) {
      if (!up) {
        return;
      }
      switch (wire) {
        case Wire.SyncRequest s -> {
          if (s.height() < height) {
            sendCommit(from, s.height());
          }
          return;
        }
        case Wire.Prop p -> {
          if (!checkSignature(p.p())) {
            return;
          }
        }
        case Wire.VoteMsg v -> {
          if (!checkSignature(v.v())) {
            return;
          }
        }
        case Wire.Commit c -> {
          if (!checkSignature(c.p()) || !c.commit().stream().allMatch(this::checkSignature)) {
            return;
          }
        }
        case Wire.Cert c -> {
          if (!c.votes().stream().allMatch(this::checkSignature)) {
            return;
          }
        }
      }
      long h = wire.height();
      if (h < height) {
        if (!(wire instanceof Wire.Commit)) {
          sendCommit(from, h); // the sender is behind: help it catch up
        }
        return;
      }
      if (h > height) {
        List<Wire> buffered = future.computeIfAbsent(h, k -> new ArrayList<>());
        if (buffered.size() < 4_000) {
          buffered.add(wire);
        }
        askForCommit(from);
        return;
      }
      accept(wire);
    }

    private boolean checkSignature(ConsensusMessage m) {
      if (verifies(m)) {
        return true;
      }
      bump("signatures rejected");
      return false;
    }

    private void sendCommit(int to, long h) {
      DriverOutput.Decide d = store.get(h);
      Long last = lastSync.get(to);
      if (d == null || (last != null && now - last < 100)) {
        return;
      }
      lastSync.put(to, now);
      bump("commits synced");
      send(index, to, new Wire.Commit(d.proposal(), d.commit()));
    }

    private void askForCommit(int to) {
      Long last = lastSync.get(-1 - to);
      if (last != null && now - last < 100) {
        return;
      }
      lastSync.put(-1 - to, now);
      send(index, to, new Wire.SyncRequest(height));
    }

    private void accept(Wire wire) {
      if (wire instanceof Wire.Prop || wire instanceof Wire.VoteMsg) {
        seen.add(wire);
      }
      switch (wire) {
        case Wire.Prop p -> {
          note(name + " got " + p.p().proposal());
          feed(new DriverInput.ProposalReceived(p.p(), validity(p.p().proposal().value())));
        }
        case Wire.VoteMsg v -> {
          note(name + " got " + v.v().vote());
          feed(new DriverInput.VoteReceived(v.v()));
        }
        case Wire.Commit c -> {
          note(name + " got commit " + c.p().proposal());
          feed(new DriverInput.CertificateReceived(c.commit()));
          feed(new DriverInput.ProposalReceived(c.p(), validity(c.p().proposal().value())));
        }
        case Wire.Cert c -> {
          note(name + " got certificate of " + c.votes().get(0).vote());
          feed(new DriverInput.CertificateReceived(c.votes()));
        }
        case Wire.SyncRequest s -> throw new IllegalStateException("handled on receipt");
      }
    }

    /** Applies an input, then everything it causes locally (own messages, values, next height). */
    void feed(DriverInput first) {
      Deque<DriverInput> local = new ArrayDeque<>();
      local.add(first);
      while (!local.isEmpty() && up) {
        DriverInput in = local.poll();
        for (DriverOutput o : driver.apply(in)) {
          switch (o) {
            case DriverOutput.BroadcastProposal p -> broadcast(p.proposal(), local);
            case DriverOutput.BroadcastVote v -> broadcast(v.vote(), local);
            case DriverOutput.ScheduleTimeout t -> {
              long after = Math.max(1, Math.round(t.delayMillis() * drift));
              schedule(new SimEvent.Fire(now + after, seq++, index, incarnation, t.timeout()));
            }
            case DriverOutput.RequestValue r -> {
              ValueId v =
                  strategy == ByzantineStrategy.INVALID_PROPOSAL
                      ? value(r.height(), r.round(), name, "wrong state root")
                      : honestBlock(r.height(), r.round(), name, "");
              local.add(new DriverInput.ValueToPropose(r.height(), r.round(), v));
            }
            case DriverOutput.Decide d -> {
              note(name + " decide " + d.height() + " " + d.proposal().proposal().value());
              if (honest()) {
                bump("decisions");
                checkDecision(this, d);
              }
              store.put(d.height(), d);
              guard.committed(d.height());
              schedule(
                  new SimEvent.NextHeight(now + 1 + random.nextLong(5), seq++, index, incarnation));
              return;
            }
            case DriverOutput.EvidenceFound e -> bump("evidence");
            case DriverOutput.InputIgnored i -> {}
          }
        }
      }
    }

    private void broadcast(Proposal proposal, Deque<DriverInput> local) {
      if (honest()) {
        SignedProposal signed = guard.sign(proposal);
        if (!signed.proposal().equals(proposal)) {
          bump("guard kept earlier proposal");
        }
        recordHonestSignature(
            this, signed.proposal(), proposal.height(), proposal.round(), "proposal");
        note(name + " propose " + signed.proposal());
        mine.add(new Wire.Prop(signed));
        local.add(new DriverInput.ProposalReceived(signed, validity(proposal.value())));
        for (int to = 0; to < nodes.size(); to++) {
          if (to != index) {
            send(index, to, new Wire.Prop(signed));
          }
        }
        return;
      }
      SignedProposal signed = signer.sign(proposal);
      local.add(new DriverInput.ProposalReceived(signed, Validity.VALID));
      SignedProposal other = signed;
      if (strategy == ByzantineStrategy.EQUIVOCATING_PROPOSER) {
        ValueId alt = honestBlock(proposal.height(), proposal.round(), name, "-other");
        other =
            signer.sign(
                new Proposal(
                    proposal.height(), proposal.round(), alt, proposal.validRound(), name));
      }
      for (int to = 0; to < nodes.size(); to++) {
        if (to != index) {
          byzantineSend(to, new Wire.Prop(to % 2 == 0 ? signed : other));
        }
      }
    }

    private void broadcast(Vote vote, Deque<DriverInput> local) {
      if (honest()) {
        SignedVote signed =
            vote.type() == VoteType.PRECOMMIT && vote.value().isPresent()
                ? guard.sign(vote, driver.prevotesFor(vote.round(), vote.value().get()))
                : guard.sign(vote);
        if (!signed.vote().equals(vote)) {
          bump("guard kept earlier vote"); // after a restart the core asked for another vote
        }
        recordHonestSignature(
            this,
            signed.vote(),
            vote.height(),
            vote.round(),
            vote.type() == VoteType.PREVOTE ? "prevote" : "precommit");
        note(name + " vote " + signed.vote());
        mine.add(new Wire.VoteMsg(signed));
        local.add(new DriverInput.VoteReceived(signed));
        for (int to = 0; to < nodes.size(); to++) {
          if (to != index) {
            send(index, to, new Wire.VoteMsg(signed));
          }
        }
        return;
      }
      SignedVote signed = signer.sign(vote);
      local.add(new DriverInput.VoteReceived(signed));
      SignedVote other = signed;
      if (strategy == ByzantineStrategy.DOUBLE_VOTE) {
        ValueId alt =
            vote.isNil() || random.nextBoolean()
                ? value(vote.height(), vote.round(), name, "random " + random.nextInt(3))
                : null;
        other =
            signer.sign(
                new Vote(vote.type(), vote.height(), vote.round(), Optional.ofNullable(alt), name));
      } else if (strategy == ByzantineStrategy.UNKNOWN_VALUE) {
        ValueId unknown = value(vote.height(), vote.round(), name, "unknown " + random.nextInt());
        signed =
            signer.sign(
                new Vote(vote.type(), vote.height(), vote.round(), Optional.of(unknown), name));
        other = signed;
      }
      for (int to = 0; to < nodes.size(); to++) {
        if (to != index) {
          byzantineSend(to, new Wire.VoteMsg(to % 2 == 0 ? signed : other));
        }
      }
    }

    private void byzantineSend(int to, Wire wire) {
      switch (strategy) {
        case SILENT -> {}
        case INVALID_SIGNATURE -> {
          send(index, to, corrupt(wire));
          if (random.nextBoolean()) {
            send(index, to, wire);
          }
        }
        default -> send(index, to, wire);
      }
    }

    private Wire corrupt(Wire wire) {
      return switch (wire) {
        case Wire.Prop p ->
            new Wire.Prop(new SignedProposal(p.p().proposal(), flip(p.p().signature())));
        case Wire.VoteMsg v ->
            new Wire.VoteMsg(new SignedVote(v.v().vote(), flip(v.v().signature())));
        default -> wire;
      };
    }

    private Bytes flip(Bytes signature) {
      byte[] b = signature.toArray();
      b[b.length / 2] ^= 0x5a;
      return Bytes.of(b);
    }
  }

  /**
   * A planted bug: a WAL whose appends become durable only {@link #SYNC_LAG_MILLIS} later, while
   * the node sends what it signed at once.
   */
  private final class UnsyncedWal implements ConsensusWal {
    private record Timed(long at, WalEntry entry) {}

    private final List<Timed> entries = new ArrayList<>();

    @Override
    public void append(WalEntry entry) {
      entries.add(new Timed(now, entry));
    }

    @Override
    public List<WalEntry> entriesFrom(long fromHeight) {
      return entries.stream().map(Timed::entry).filter(e -> e.height() >= fromHeight).toList();
    }

    @Override
    public void truncateBelow(long height) {
      entries.removeIf(t -> t.entry().height() < height);
    }

    @Override
    public void close() {}

    void loseAppendedAfter(long time) {
      entries.removeIf(t -> t.at() > time);
    }
  }
}
