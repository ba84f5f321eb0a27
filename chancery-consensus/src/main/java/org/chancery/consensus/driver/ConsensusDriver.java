package org.chancery.consensus.driver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.chancery.consensus.driver.DriverInput.CertificateReceived;
import org.chancery.consensus.driver.DriverInput.ProposalReceived;
import org.chancery.consensus.driver.DriverInput.StartHeight;
import org.chancery.consensus.driver.DriverInput.TimeoutExpired;
import org.chancery.consensus.driver.DriverInput.ValueToPropose;
import org.chancery.consensus.driver.DriverInput.VoteReceived;
import org.chancery.consensus.driver.DriverOutput.Decide;
import org.chancery.consensus.round.RoundInput;
import org.chancery.consensus.round.RoundOutput;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.round.RoundStateMachine;
import org.chancery.consensus.round.Step;
import org.chancery.consensus.round.Transition;
import org.chancery.consensus.round.UponRules;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.Validators;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.VoteType;
import org.chancery.consensus.votekeeper.Equivocation;
import org.chancery.consensus.votekeeper.ThresholdEvent;
import org.chancery.consensus.votekeeper.Thresholds;
import org.chancery.consensus.votekeeper.VoteKeeper;

/**
 * One validator's Tendermint consensus core: turns proposals, votes, certificates, timeouts and
 * proposal-validity results into the compound inputs of the {@link RoundStateMachine}, using a
 * {@link VoteKeeper} for the vote thresholds, and returns what the node must do. It runs one height
 * at a time; the node starts each height with {@link StartHeight}.
 *
 * <p>Pure and deterministic: no clock, threads, randomness or I/O. The node (or the simulator)
 * verifies signatures before calling {@link #apply}, calls it from one thread, persists and sends
 * what it returns, delivers the validator's own proposals and votes back to it, and feeds timeouts
 * back when they expire.
 *
 * <p>Upon-rules of Algorithm 1 are level-triggered ("upon X while step = s"): after every input the
 * driver re-examines what it already holds whenever the round or step changed, so that a proposal
 * or a quorum that arrived early is acted on when its step comes. Each compound input is fed to the
 * round state machine at most once per height, round and step, which implements "for the first
 * time" in lines 34, 36 and 47.
 *
 * <pre>{@code
 * ConsensusDriver driver = new ConsensusDriver("node1", new WeightedRoundRobin(), timeouts);
 * List<DriverOutput> todo = driver.apply(new DriverInput.StartHeight(1, validators));
 * todo = driver.apply(new DriverInput.VoteReceived(signedVote));
 * }</pre>
 */
public final class ConsensusDriver {
  private final String self;
  private final ProposerSelector proposers;
  private final TimeoutSchedule timeouts;
  private final RoundStateMachine machine;
  private final Thresholds thresholds;
  private final DriverRules driverRules;

  private boolean started;
  private Validators validators;
  private VoteKeeper keeper;
  private RoundState state = RoundState.initial(0);
  private final TreeMap<Integer, List<SignedProposal>> proposals = new TreeMap<>();
  private final Set<Fired> fired = new HashSet<>();
  private final LinkedHashSet<Pending> pending = new LinkedHashSet<>();
  private boolean stepChanged;
  private Optional<RoundOutput.RequestValue> awaitingValue = Optional.empty();
  private Optional<Decide> decision = Optional.empty();
  private List<DriverOutput> out = new ArrayList<>();

  /** The driver of validator {@code self}, running Algorithm 1. */
  public ConsensusDriver(String self, ProposerSelector proposers, TimeoutSchedule timeouts) {
    this(self, proposers, timeouts, UponRules.ALGORITHM_1, Thresholds.BFT, DriverRules.STANDARD);
  }

  /**
   * The driver of validator {@code self} with the given rules and thresholds (tests plant faults
   * through these).
   */
  public ConsensusDriver(
      String self,
      ProposerSelector proposers,
      TimeoutSchedule timeouts,
      UponRules rules,
      Thresholds thresholds,
      DriverRules driverRules) {
    this.self = Objects.requireNonNull(self, "self");
    this.proposers = Objects.requireNonNull(proposers, "proposers");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.machine = new RoundStateMachine(self, rules);
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.driverRules = Objects.requireNonNull(driverRules, "driverRules");
  }

  /** Handles one input and returns what to do, in order. */
  public List<DriverOutput> apply(DriverInput input) {
    out = new ArrayList<>();
    RoundState before = state;
    if (input instanceof StartHeight start) {
      startHeight(start);
    } else if (!started) {
      ignore(input, "no height has been started");
    } else if (decision.isPresent()) {
      // Lines 52-54: after a decision only the next height matters.
      ignore(input, "height " + state.height() + " is decided; start the next height");
    } else {
      switch (input) {
        case ProposalReceived p -> onProposal(p);
        case VoteReceived v -> onVote(v);
        case CertificateReceived c -> onCertificate(c);
        case TimeoutExpired t -> onTimeout(t);
        case ValueToPropose v -> onValue(v);
        case StartHeight s -> throw new IllegalStateException("handled above");
      }
    }
    noteStep(before);
    settle();
    List<DriverOutput> result = List.copyOf(out);
    out = new ArrayList<>();
    return result;
  }

  public String self() {
    return self;
  }

  /** The height being decided (or just decided). */
  public long height() {
    return state.height();
  }

  /** The round state: round, step, lock and valid value. */
  public RoundState roundState() {
    return state;
  }

  /** The decision of the current height, once there is one. */
  public Optional<Decide> decision() {
    return decision;
  }

  /** Equivocations seen at the current height. */
  public List<Equivocation> evidence() {
    return keeper == null ? List.of() : keeper.evidence();
  }

  /** The proposer of {@code round} at the current height. */
  public String proposer(int round) {
    return proposers.proposer(validators, state.height(), round);
  }

  // --- inputs ---

  /**
   * The verified prevotes for {@code value} in {@code round} of the current height: the proof of
   * lock a node stores with a precommit for that value.
   */
  public List<SignedVote> prevotesFor(int round, ValueId value) {
    return keeper == null
        ? List.of()
        : keeper.votesFor(round, VoteType.PREVOTE, Optional.of(value));
  }

  private void startHeight(StartHeight start) {
    started = true;
    validators = start.validators();
    keeper = new VoteKeeper(start.height(), validators.powers(), thresholds);
    state = RoundState.initial(start.height());
    if (start.lock().isPresent()) {
      DriverInput.Lock lock = start.lock().get();
      state =
          new RoundState(
              state.height(),
              state.round(),
              state.step(),
              lock.round(),
              Optional.of(lock.value()),
              lock.round(),
              Optional.of(lock.value()));
    }
    proposals.clear();
    fired.clear();
    pending.clear();
    stepChanged = false;
    awaitingValue = Optional.empty();
    decision = Optional.empty();

    // Count what arrived early without acting on it: the thresholds decide where to start.
    for (SignedVote v : start.earlyVotes()) {
      Optional<String> problem = keeper.problemWith(v.vote());
      if (problem.isPresent()) {
        ignore(new VoteReceived(v), problem.get());
      } else {
        countReportingEvidence(() -> keeper.apply(v, Integer.MAX_VALUE));
      }
    }
    for (List<SignedVote> c : start.earlyCertificates()) {
      Optional<String> problem = keeper.problemWithCertificate(c);
      if (problem.isPresent()) {
        ignore(new CertificateReceived(c), problem.get());
      } else {
        countReportingEvidence(() -> keeper.applyCertificate(c));
      }
    }
    for (int r : keeper.rounds()) {
      if (keeper.quorumValue(r, VoteType.PRECOMMIT).isPresent()) {
        // Line 49 only needs the proposal now; starting a round would only add votes that can no
        // longer matter. The node delivers the proposal it holds (or fetches the block).
        return;
      }
    }
    // Line 55 generalised: 2f+1 voted in a later round, so at least f+1 honest validators are
    // there already; start in the highest such round instead of round 0.
    // A restored lock means this validator had reached the lock's round before it restarted;
    // resuming there keeps lockedRound and validRound at most the current round, as Algorithm 1
    // always has them.
    int first = start.lock().map(DriverInput.Lock::round).orElse(0);
    for (int r : keeper.rounds()) {
      if (keeper.hasQuorumForAny(r, VoteType.PREVOTE)
          || keeper.hasQuorumForAny(r, VoteType.PRECOMMIT)) {
        first = Math.max(first, r);
      }
    }
    enterRound(first);
  }

  private void onProposal(ProposalReceived received) {
    SignedProposal signed = received.proposal();
    Proposal p = signed.proposal();
    if (p.height() != state.height()) {
      ignore(received, "proposal is for height " + p.height() + ", not " + state.height());
      return;
    }
    if (!validators.contains(p.proposer()) || !p.proposer().equals(proposer(p.round()))) {
      ignore(received, p.proposer() + " is not the proposer of round " + p.round());
      return;
    }
    if (received.validity() == Validity.VALID) {
      List<SignedProposal> ofRound = proposals.computeIfAbsent(p.round(), r -> new ArrayList<>());
      if (ofRound.stream().noneMatch(s -> s.proposal().equals(p))) {
        ofRound.add(signed);
      }
    }
    actOnProposal(signed, received.validity());
  }

  private void onVote(VoteReceived received) {
    SignedVote vote = received.vote();
    Optional<String> problem = keeper.problemWith(vote.vote());
    if (problem.isPresent()) {
      ignore(received, problem.get());
      return;
    }
    Optional<ThresholdEvent> event =
        countReportingEvidence(() -> keeper.apply(vote, state.round()));
    event.ifPresent(this::onThreshold);
  }

  private void onCertificate(CertificateReceived received) {
    Optional<String> problem = keeper.problemWithCertificate(received.votes());
    if (problem.isPresent()) {
      ignore(received, problem.get());
      return;
    }
    Optional<ThresholdEvent> event =
        countReportingEvidence(() -> keeper.applyCertificate(received.votes()));
    event.ifPresent(this::onThreshold);
  }

  private void onTimeout(TimeoutExpired expired) {
    Timeout t = expired.timeout();
    if (driverRules.isStale(t, state)) {
      ignore(expired, "stale timeout " + t + " in round " + state.round());
      return;
    }
    fire(new RoundInput.TimeoutExpired(t));
  }

  private void onValue(ValueToPropose value) {
    if (awaitingValue.isEmpty()
        || awaitingValue.get().height() != value.height()
        || awaitingValue.get().round() != value.round()) {
      ignore(
          value, "no value was requested for height " + value.height() + " round " + value.round());
      return;
    }
    // One proposal per round: a second answer must not become a second, different proposal.
    awaitingValue = Optional.empty();
    if (value.round() != state.round()) {
      // Line 19 broadcasts in round_p: a value for a round already left would be proposed in a
      // round this validator may not lead.
      ignore(value, "round " + value.round() + " is over; now in round " + state.round());
      return;
    }
    fire(new RoundInput.ProposeValue(value.value()));
  }

  // --- the compound inputs of Algorithm 1 ---

  /** The rules that need a proposal: lines 22, 28, 36 and 49. */
  private void actOnProposal(SignedProposal signed, Validity validity) {
    Proposal p = signed.proposal();
    ValueId v = p.value();
    int round = state.round();
    if (validity == Validity.INVALID) {
      // Lines 22-27 and 28-33 with valid(v) false: prevote nil, in the propose step only.
      if (state.step() == Step.PROPOSE && p.round() == round) {
        boolean polka = p.validRound() >= 0 && hasPolka(p.validRound(), v);
        fire(
            polka
                ? new RoundInput.InvalidProposalAndPolkaPrevious(v)
                : new RoundInput.InvalidProposal());
      }
      return;
    }
    if (keeper.hasQuorum(p.round(), VoteType.PRECOMMIT, Optional.of(v))) {
      fire(new RoundInput.ProposalAndPrecommitValue(p.round(), v)); // line 49, any round
      return;
    }
    if (p.round() != round) {
      return; // kept until its round comes (or line 49 needs it)
    }
    switch (state.step()) {
      case PROPOSE -> {
        if (p.validRound() == -1) {
          fire(new RoundInput.Proposal(round, v)); // line 22
        } else if (hasPolka(p.validRound(), v)) {
          fire(new RoundInput.ProposalAndPolkaPrevious(v, p.validRound())); // line 28
        }
        // Otherwise wait: for the polka of vr (line 28) or the propose timeout (line 57).
      }
      case PREVOTE, PRECOMMIT -> {
        if (hasPolka(round, v)) {
          fire(new RoundInput.ProposalAndPolkaCurrent(v)); // line 36
        }
      }
      default -> {}
    }
  }

  /** Acts on a threshold the vote keeper reports. */
  private void onThreshold(ThresholdEvent event) {
    int round = state.round();
    switch (event) {
      case ThresholdEvent.PolkaValue e -> {
        if (e.round() < round && hasProposal(round, e.value(), e.round())) {
          // Line 28: the polka of the current proposal's valid round completed after it.
          fire(new RoundInput.ProposalAndPolkaPrevious(e.value(), e.round()));
        } else if (e.round() == round) {
          if (hasProposal(round, e.value())) {
            // Line 36, after line 34 has scheduled the prevote timeout.
            pending.add(new Pending(new RoundInput.ProposalAndPolkaCurrent(e.value()), round));
          }
          fire(new RoundInput.PolkaAny()); // line 34
        }
      }
      case ThresholdEvent.PolkaAny e -> {
        if (e.round() == round) {
          fire(new RoundInput.PolkaAny()); // line 34
        }
      }
      case ThresholdEvent.PolkaNil e -> {
        if (e.round() == round) {
          fire(new RoundInput.PolkaNil()); // line 44
        }
      }
      case ThresholdEvent.PrecommitValue e -> {
        if (hasProposal(e.round(), e.value())) {
          fire(new RoundInput.ProposalAndPrecommitValue(e.round(), e.value())); // line 49
        } else if (e.round() == round) {
          fire(new RoundInput.PrecommitAny()); // line 47
        } else if (e.round() > round) {
          fire(new RoundInput.SkipRound(e.round())); // line 55
        }
      }
      case ThresholdEvent.PrecommitAny e -> {
        if (e.round() == round) {
          fire(new RoundInput.PrecommitAny()); // line 47
        }
      }
      case ThresholdEvent.SkipRound e -> {
        if (e.round() > round) {
          fire(new RoundInput.SkipRound(e.round())); // line 55
        }
      }
    }
  }

  /**
   * The round or step changed: the level-triggered rules may hold already with what is here. Line
   * 47 (precommits for anything), the proposal rules (22, 28, 36, 49) and, in the prevote step,
   * lines 44 and 34.
   */
  private void reexamine() {
    int round = state.round();
    if (round < 0) {
      return;
    }
    if (keeper.hasQuorumForAny(round, VoteType.PRECOMMIT)) {
      pending.add(new Pending(new RoundInput.PrecommitAny(), round));
      if (!driverRules.polkasAfterPrecommitAny()) {
        return;
      }
    }
    proposalOfCurrentRound().ifPresent(p -> actOnProposal(p, Validity.VALID));
    if (state.step() == Step.PREVOTE && state.round() == round) {
      if (keeper.hasQuorum(round, VoteType.PREVOTE, Optional.empty())) {
        fire(new RoundInput.PolkaNil()); // line 44
      } else if (keeper.hasQuorumForAny(round, VoteType.PREVOTE)) {
        fire(new RoundInput.PolkaAny()); // line 34
      }
    }
  }

  /**
   * Runs the follow-up work of an input until none is left: looking again at what is held after the
   * round or step changed, then pending compound inputs. Each is one step of the driver.
   */
  private void settle() {
    while (started && decision.isEmpty()) {
      RoundState before = state;
      if (stepChanged) {
        stepChanged = false;
        reexamine();
      } else {
        Iterator<Pending> next = pending.iterator();
        if (!next.hasNext()) {
          return;
        }
        Pending p = next.next();
        next.remove();
        if (p.round() == state.round()) {
          fire(p.input());
        }
      }
      noteStep(before);
    }
    pending.clear();
  }

  private void noteStep(RoundState before) {
    if (started && driverRules.reexamine(before, state)) {
      stepChanged = true;
    }
  }

  /** Feeds one compound input to the round state machine, at most once per round and step. */
  private void fire(RoundInput input) {
    int round = driverRules.firstTimeRound(input, state.round());
    if (!fired.add(new Fired(input, round, state.step()))) {
      return;
    }
    Transition t = machine.apply(state, input);
    state = t.state();
    t.output().ifPresent(this::onRoundOutput);
  }

  private void onRoundOutput(RoundOutput o) {
    switch (o) {
      case RoundOutput.BroadcastProposal p ->
          out.add(new DriverOutput.BroadcastProposal(p.proposal()));
      case RoundOutput.BroadcastVote v -> out.add(new DriverOutput.BroadcastVote(v.vote()));
      case RoundOutput.ScheduleTimeout t -> schedule(t.timeout());
      case RoundOutput.RequestValue r -> {
        awaitingValue = Optional.of(r);
        out.add(new DriverOutput.RequestValue(r.height(), r.round()));
        schedule(r.timeout());
      }
      case RoundOutput.Decide d -> decide(d);
      case RoundOutput.EnterRound e -> enterRound(e.round());
    }
  }

  /** StartRound(r), lines 11-21: as proposer if {@code proposer(h_p, r) = p} (line 14). */
  private void enterRound(int round) {
    fire(
        proposer(round).equals(self)
            ? new RoundInput.NewRoundAsProposer(round)
            : new RoundInput.NewRound(round));
  }

  private void decide(RoundOutput.Decide d) {
    SignedProposal proposal =
        proposals.getOrDefault(d.round(), List.of()).stream()
            .filter(s -> s.proposal().value().equals(d.value()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("decided " + d + " without its proposal"));
    List<SignedVote> commit =
        keeper.votesFor(d.round(), VoteType.PRECOMMIT, Optional.of(d.value()));
    Decide decided = new Decide(state.height(), d.round(), proposal, commit);
    decision = Optional.of(decided);
    out.add(decided);
  }

  private void schedule(Timeout t) {
    out.add(new DriverOutput.ScheduleTimeout(t, timeouts.delayMillis(t.kind(), t.round())));
  }

  private Optional<SignedProposal> proposalOfCurrentRound() {
    String proposer = proposer(state.round());
    return proposals.getOrDefault(state.round(), List.of()).stream()
        .filter(s -> s.proposal().proposer().equals(proposer))
        .findFirst();
  }

  private boolean hasProposal(int round, ValueId value) {
    return proposals.getOrDefault(round, List.of()).stream()
        .anyMatch(s -> s.proposal().value().equals(value));
  }

  private boolean hasProposal(int round, ValueId value, int validRound) {
    return proposals.getOrDefault(round, List.of()).stream()
        .anyMatch(
            s -> s.proposal().value().equals(value) && s.proposal().validRound() == validRound);
  }

  private boolean hasPolka(int round, ValueId value) {
    return keeper.hasQuorum(round, VoteType.PREVOTE, Optional.of(value));
  }

  /** Runs a vote-keeper update and reports any equivocation it uncovers. */
  private Optional<ThresholdEvent> countReportingEvidence(
      Supplier<Optional<ThresholdEvent>> update) {
    int known = keeper.evidence().size();
    Optional<ThresholdEvent> event = update.get();
    List<Equivocation> evidence = keeper.evidence();
    for (int i = known; i < evidence.size(); i++) {
      out.add(new DriverOutput.EvidenceFound(evidence.get(i)));
    }
    return event;
  }

  private void ignore(DriverInput input, String reason) {
    out.add(new DriverOutput.InputIgnored(input, reason));
  }

  /** A compound input fed in one round and step ("for the first time"). */
  private record Fired(RoundInput input, int round, Step step) {}

  /** A compound input waiting until the current one is handled, valid only in its round. */
  private record Pending(RoundInput input, int round) {}
}
