package org.chancery.consensus.round;

import java.util.Optional;
import org.chancery.consensus.round.RoundInput.InvalidProposalAndPolkaPrevious;
import org.chancery.consensus.round.RoundInput.NewRound;
import org.chancery.consensus.round.RoundInput.NewRoundAsProposer;
import org.chancery.consensus.round.RoundInput.ProposalAndPolkaCurrent;
import org.chancery.consensus.round.RoundInput.ProposalAndPolkaPrevious;
import org.chancery.consensus.round.RoundInput.ProposalAndPrecommitValue;
import org.chancery.consensus.round.RoundInput.ProposeValue;
import org.chancery.consensus.round.RoundInput.SkipRound;
import org.chancery.consensus.round.RoundOutput.BroadcastProposal;
import org.chancery.consensus.round.RoundOutput.BroadcastVote;
import org.chancery.consensus.round.RoundOutput.Decide;
import org.chancery.consensus.round.RoundOutput.EnterRound;
import org.chancery.consensus.round.RoundOutput.RequestValue;
import org.chancery.consensus.round.RoundOutput.ScheduleTimeout;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;

/**
 * The upon-rules of Algorithm 1 (Buchman, Kwon, Milosevic, "The latest gossip on BFT consensus",
 * arXiv:1807.04938), one method per rule, each a pure function of the round state and the rule's
 * input. {@link #ALGORITHM_1} is the algorithm; {@link RoundStateMachine} dispatches to it.
 *
 * <p>Every rule is a default method so that a test can plant one known bug by overriding exactly
 * one rule ({@code new UponRules() { @Override public Transition polkaNil(...) {...} }}) and show
 * that the simulator, the scenarios or the trace replay catch it. Production code never does that.
 *
 * <p>Guards follow the model the conformance traces come from (malachite's Quint specification): a
 * rule whose guard does not hold returns {@link Transition#rejected} and leaves the state as it
 * was. The "for the first time" conditions of lines 34, 36 and 47 are the driver's job (it feeds
 * each input at most once per height, round and step).
 */
public interface UponRules {

  /** The rules of Algorithm 1. */
  UponRules ALGORITHM_1 = new UponRules() {};

  /** Lines 11-13, 20-21: StartRound(r) when not the proposer: schedule OnTimeoutPropose. */
  default Transition startRound(String self, RoundState s, NewRound in) {
    Optional<String> refused = refuseNewRound(s, in.round());
    if (refused.isPresent()) {
      return Transition.rejected(s, refused.get());
    }
    RoundState next = s.withRoundAndStep(in.round(), Step.PROPOSE);
    return Transition.to(
        next, new ScheduleTimeout(new Timeout(TimeoutKind.PROPOSE, s.height(), in.round())));
  }

  /**
   * Lines 11-19: StartRound(r) as the proposer. Lines 15-16: re-propose {@code validValue_p} with
   * {@code validRound_p} if there is one; otherwise line 18 asks the application for a value (and
   * the propose timeout is scheduled in case none comes).
   */
  default Transition startRoundAsProposer(String self, RoundState s, NewRoundAsProposer in) {
    Optional<String> refused = refuseNewRound(s, in.round());
    if (refused.isPresent()) {
      return Transition.rejected(s, refused.get());
    }
    RoundState next = s.withRoundAndStep(in.round(), Step.PROPOSE);
    if (s.validValue().isPresent()) {
      // Lines 15-16, 19: a value that had a polka must be proposed again, with its round.
      return Transition.to(
          next,
          new BroadcastProposal(
              new Proposal(s.height(), in.round(), s.validValue().get(), s.validRound(), self)));
    }
    // Line 18.
    return Transition.to(
        next,
        new RequestValue(
            s.height(), in.round(), new Timeout(TimeoutKind.PROPOSE, s.height(), in.round())));
  }

  /** Line 19 after line 18: getValue() returned a value; broadcast the proposal. */
  default Transition proposeValue(String self, RoundState s, ProposeValue in) {
    if (s.round() < 0) {
      return Transition.rejected(s, "no round has started; nothing to propose for");
    }
    return Transition.to(
        s,
        new BroadcastProposal(
            new Proposal(s.height(), s.round(), in.value(), s.validRound(), self)));
  }

  /**
   * Lines 22-27: a valid proposal with no valid round. Line 23-24: prevote it unless locked on a
   * different value (line 26: then prevote nil).
   */
  default Transition proposal(String self, RoundState s, RoundInput.Proposal in) {
    if (s.step() != Step.PROPOSE) {
      return Transition.rejected(s, "a proposal is acted on only in the propose step");
    }
    boolean acceptable = !s.isLocked() || s.lockedValue().get().equals(in.value());
    return prevote(self, s, acceptable ? in.value() : null);
  }

  /** Lines 22, 26-27 (and 28, 32-33) with {@code valid(v)} false: prevote nil. */
  default Transition invalidProposal(String self, RoundState s) {
    if (s.step() != Step.PROPOSE) {
      return Transition.rejected(s, "a proposal is acted on only in the propose step");
    }
    return prevote(self, s, null);
  }

  /**
   * Lines 28-33: a valid proposal re-proposing a value with a polka in an earlier round {@code vr}
   * ({@code 0 <= vr < round_p}). Lines 29-30: prevote it if the lock is not newer than that polka
   * or is on the same value; line 32: otherwise prevote nil.
   */
  default Transition proposalAndPolkaPrevious(
      String self, RoundState s, ProposalAndPolkaPrevious in) {
    if (s.step() != Step.PROPOSE) {
      return Transition.rejected(s, "a proposal is acted on only in the propose step");
    }
    if (in.validRound() < 0 || in.validRound() >= s.round()) {
      return Transition.rejected(
          s, "valid round " + in.validRound() + " is not in [0, " + s.round() + ")");
    }
    boolean acceptable =
        s.lockedRound() <= in.validRound() || s.lockedValue().equals(Optional.of(in.value()));
    return prevote(self, s, acceptable ? in.value() : null);
  }

  /** Lines 28, 32-33 with {@code valid(v)} false: prevote nil. */
  default Transition invalidProposalAndPolkaPrevious(
      String self, RoundState s, InvalidProposalAndPolkaPrevious in) {
    // The model behind the conformance traces accepts this input in any step; line 28 says
    // "while step_p = propose", and a second prevote in one round would be an equivocation.
    return invalidProposal(self, s);
  }

  /** Lines 34-35: 2f+1 prevotes for anything: schedule OnTimeoutPrevote. */
  default Transition polkaAny(String self, RoundState s) {
    if (s.step() != Step.PREVOTE) {
      return Transition.rejected(
          s, "a prevote quorum for anything counts only in the prevote step");
    }
    return Transition.to(
        s, new ScheduleTimeout(new Timeout(TimeoutKind.PREVOTE, s.height(), s.round())));
  }

  /**
   * Lines 36-43: the proposal and a polka for it in this round. In the prevote step: lock on it
   * (lines 38-39), precommit it (line 40) and remember it as valid (lines 42-43). In the precommit
   * step only lines 42-43 apply.
   */
  default Transition proposalAndPolkaCurrent(
      String self, RoundState s, ProposalAndPolkaCurrent in) {
    return switch (s.step()) {
      case PREVOTE -> {
        RoundState next =
            s.withLock(s.round(), in.value())
                .withValid(s.round(), in.value())
                .withStep(Step.PRECOMMIT);
        yield Transition.to(
            next, new BroadcastVote(Vote.precommit(s.height(), s.round(), in.value(), self)));
      }
      case PRECOMMIT -> Transition.quietly(s.withValid(s.round(), in.value()));
      default ->
          Transition.rejected(s, "a polka for the proposal counts only in prevote or precommit");
    };
  }

  /** Lines 44-46: 2f+1 prevotes for nil: precommit nil. The lock is kept. */
  default Transition polkaNil(String self, RoundState s) {
    if (s.step() != Step.PREVOTE) {
      return Transition.rejected(s, "a prevote quorum for nil counts only in the prevote step");
    }
    return Transition.to(
        s.withStep(Step.PRECOMMIT),
        new BroadcastVote(Vote.precommit(s.height(), s.round(), null, self)));
  }

  /** Lines 47-48: 2f+1 precommits for anything: schedule OnTimeoutPrecommit (in any step). */
  default Transition precommitAny(String self, RoundState s) {
    return Transition.to(
        s, new ScheduleTimeout(new Timeout(TimeoutKind.PRECOMMIT, s.height(), s.round())));
  }

  /**
   * Lines 49-54: the proposal of some round r and 2f+1 precommits for it: decide (line 51). Moving
   * to the next height (lines 52-54) is the driver's and the node's job.
   */
  default Transition proposalAndPrecommitValue(
      String self, RoundState s, ProposalAndPrecommitValue in) {
    if (s.step() == Step.COMMIT) {
      return Transition.rejected(s, "already decided at this height");
    }
    return Transition.to(s.withStep(Step.COMMIT), new Decide(in.round(), in.value()));
  }

  /**
   * Lines 55-56: f+1 messages from a higher round: leave this round and start that one. The round
   * itself moves when the driver answers {@link EnterRound} with a new round.
   */
  default Transition skipRound(String self, RoundState s, SkipRound in) {
    if (in.round() <= s.round()) {
      return Transition.rejected(s, "round " + in.round() + " is not ahead of " + s.round());
    }
    return Transition.to(s.withStep(Step.UNSTARTED), new EnterRound(in.round()));
  }

  /** Lines 57-60: OnTimeoutPropose(h, r): prevote nil if still waiting for the proposal. */
  default Transition timeoutPropose(String self, RoundState s, Timeout t) {
    if (!isCurrent(s, t) || s.step() != Step.PROPOSE) {
      return Transition.rejected(s, "stale propose timeout " + t);
    }
    return prevote(self, s, null);
  }

  /** Lines 61-64: OnTimeoutPrevote(h, r): precommit nil if still in the prevote step. */
  default Transition timeoutPrevote(String self, RoundState s, Timeout t) {
    if (!isCurrent(s, t) || s.step() != Step.PREVOTE) {
      return Transition.rejected(s, "stale prevote timeout " + t);
    }
    return Transition.to(
        s.withStep(Step.PRECOMMIT),
        new BroadcastVote(Vote.precommit(s.height(), s.round(), null, self)));
  }

  /** Lines 65-67: OnTimeoutPrecommit(h, r): start the next round (in any step). */
  default Transition timeoutPrecommit(String self, RoundState s, Timeout t) {
    if (!isCurrent(s, t)) {
      return Transition.rejected(s, "stale precommit timeout " + t);
    }
    return Transition.to(s.withStep(Step.UNSTARTED), new EnterRound(s.round() + 1));
  }

  // --- helpers shared by the rules; not rules themselves ---

  private static Optional<String> refuseNewRound(RoundState s, int round) {
    if (s.step() != Step.NONE && s.step() != Step.UNSTARTED) {
      return Optional.of("a new round starts only from no round or an unstarted one");
    }
    if (round <= s.round()) {
      return Optional.of("round " + round + " is not ahead of " + s.round());
    }
    return Optional.empty();
  }

  private static boolean isCurrent(RoundState s, Timeout t) {
    return t.height() == s.height() && t.round() == s.round();
  }

  /** Prevote {@code value} (nil if null) and move to the prevote step (lines 24-33, 59-60). */
  private static Transition prevote(String self, RoundState s, ValueId value) {
    return Transition.to(
        s.withStep(Step.PREVOTE),
        new BroadcastVote(Vote.prevote(s.height(), s.round(), value, self)));
  }
}
