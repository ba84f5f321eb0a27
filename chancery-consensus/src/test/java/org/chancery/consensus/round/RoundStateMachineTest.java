package org.chancery.consensus.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.chancery.consensus.round.RoundInput.InvalidProposalAndPolkaPrevious;
import org.chancery.consensus.round.RoundInput.NewRound;
import org.chancery.consensus.round.RoundInput.NewRoundAsProposer;
import org.chancery.consensus.round.RoundInput.PolkaAny;
import org.chancery.consensus.round.RoundInput.PolkaNil;
import org.chancery.consensus.round.RoundInput.PrecommitAny;
import org.chancery.consensus.round.RoundInput.ProposalAndPolkaCurrent;
import org.chancery.consensus.round.RoundInput.ProposalAndPolkaPrevious;
import org.chancery.consensus.round.RoundInput.ProposalAndPrecommitValue;
import org.chancery.consensus.round.RoundInput.SkipRound;
import org.chancery.consensus.round.RoundInput.TimeoutExpired;
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
import org.junit.jupiter.api.Test;

/** The upon-rules one at a time, through {@link RoundStateMachine#apply}. */
class RoundStateMachineTest {
  private static final long H = 5;
  private static final ValueId A = ValueId.ofText("A");
  private static final ValueId B = ValueId.ofText("B");

  private final RoundStateMachine sm = new RoundStateMachine("me");

  private RoundState inRound(int round, Step step) {
    return RoundState.initial(H).withRoundAndStep(round, step);
  }

  @Test
  void startingARoundAsNonProposerSchedulesTheProposeTimeout() {
    Transition t = sm.apply(RoundState.initial(H), new NewRound(0));

    assertThat(t.state()).isEqualTo(inRound(0, Step.PROPOSE));
    assertThat(t.output()).contains(new ScheduleTimeout(new Timeout(TimeoutKind.PROPOSE, H, 0)));
  }

  @Test
  void aProposerWithoutValidValueAsksForOne() {
    Transition t = sm.apply(RoundState.initial(H), new NewRoundAsProposer(0));

    assertThat(t.output()).contains(new RequestValue(H, 0, new Timeout(TimeoutKind.PROPOSE, H, 0)));
  }

  @Test
  void aProposerReproposesItsValidValueWithItsValidRound() {
    RoundState s = inRound(1, Step.UNSTARTED).withValid(1, A);

    Transition t = sm.apply(s, new NewRoundAsProposer(2));

    assertThat(t.output()).contains(new BroadcastProposal(new Proposal(H, 2, A, 1, "me")));
  }

  @Test
  void aNewRoundMustBeAheadAndFollowAnEndedRound() {
    assertThat(sm.apply(inRound(2, Step.UNSTARTED), new NewRound(2)).accepted()).isFalse();
    assertThat(sm.apply(inRound(2, Step.PREVOTE), new NewRound(3)).accepted()).isFalse();
    assertThat(sm.apply(inRound(2, Step.UNSTARTED), new NewRound(3)).accepted()).isTrue();
  }

  @Test
  void aLockedValidatorPrevotesNilForAnotherFreshProposal() {
    RoundState locked = inRound(1, Step.PROPOSE).withLock(0, A).withValid(0, A);

    assertThat(sm.apply(locked, new RoundInput.Proposal(1, B)).output())
        .contains(new BroadcastVote(Vote.prevote(H, 1, null, "me")));
    assertThat(sm.apply(locked, new RoundInput.Proposal(1, A)).output())
        .contains(new BroadcastVote(Vote.prevote(H, 1, A, "me")));
  }

  @Test
  void aPolkaNewerThanTheLockUnlocksForThatValue() {
    RoundState locked = inRound(3, Step.PROPOSE).withLock(1, A).withValid(1, A);

    assertThat(sm.apply(locked, new ProposalAndPolkaPrevious(B, 2)).output())
        .contains(new BroadcastVote(Vote.prevote(H, 3, B, "me")));
    assertThat(sm.apply(locked, new ProposalAndPolkaPrevious(B, 1)).output())
        .as("line 29: lockedRound <= vr also holds for an equal round")
        .contains(new BroadcastVote(Vote.prevote(H, 3, B, "me")));
    assertThat(sm.apply(locked, new ProposalAndPolkaPrevious(B, 0)).output())
        .contains(new BroadcastVote(Vote.prevote(H, 3, null, "me")));
  }

  @Test
  void theValidRoundMustLieBeforeTheCurrentRound() {
    RoundState s = inRound(2, Step.PROPOSE);

    assertThat(sm.apply(s, new ProposalAndPolkaPrevious(A, 2)).accepted()).isFalse();
    assertThat(sm.apply(s, new ProposalAndPolkaPrevious(A, 0)).accepted())
        .as("a proof-of-lock round of 0 is valid")
        .isTrue();
  }

  @Test
  void anInvalidProposalWithPolkaIsActedOnOnlyInTheProposeStep() {
    assertThat(sm.apply(inRound(1, Step.PROPOSE), new InvalidProposalAndPolkaPrevious(A)).output())
        .contains(new BroadcastVote(Vote.prevote(H, 1, null, "me")));
    assertThat(
            sm.apply(inRound(1, Step.PREVOTE), new InvalidProposalAndPolkaPrevious(A)).accepted())
        .as("a second prevote in the round would be an equivocation")
        .isFalse();
  }

  @Test
  void aPolkaForTheProposalLocksAndPrecommits() {
    Transition t = sm.apply(inRound(0, Step.PREVOTE), new ProposalAndPolkaCurrent(A));

    assertThat(t.state()).isEqualTo(inRound(0, Step.PRECOMMIT).withLock(0, A).withValid(0, A));
    assertThat(t.output()).contains(new BroadcastVote(Vote.precommit(H, 0, A, "me")));
  }

  @Test
  void aPolkaSeenAfterPrecommittingOnlyUpdatesTheValidValue() {
    RoundState s = inRound(2, Step.PRECOMMIT).withLock(1, B).withValid(1, B);

    Transition t = sm.apply(s, new ProposalAndPolkaCurrent(A));

    assertThat(t.output()).isEmpty();
    assertThat(t.state()).isEqualTo(s.withValid(2, A));
  }

  @Test
  void aNilPolkaPrecommitsNilAndKeepsTheLock() {
    RoundState locked = inRound(2, Step.PREVOTE).withLock(1, A).withValid(1, A);

    Transition t = sm.apply(locked, new PolkaNil());

    assertThat(t.output()).contains(new BroadcastVote(Vote.precommit(H, 2, null, "me")));
    assertThat(t.state().lockedValue()).contains(A);
    assertThat(t.state().lockedRound()).isEqualTo(1);
  }

  @Test
  void quorumsForAnythingScheduleTheirTimeouts() {
    assertThat(sm.apply(inRound(1, Step.PREVOTE), new PolkaAny()).output())
        .contains(new ScheduleTimeout(new Timeout(TimeoutKind.PREVOTE, H, 1)));
    assertThat(sm.apply(inRound(1, Step.PROPOSE), new PolkaAny()).accepted()).isFalse();
    assertThat(sm.apply(inRound(1, Step.PROPOSE), new PrecommitAny()).output())
        .as("line 47 has no step condition")
        .contains(new ScheduleTimeout(new Timeout(TimeoutKind.PRECOMMIT, H, 1)));
  }

  @Test
  void aDecisionCanBeForAnEarlierRoundButOnlyOnce() {
    Transition t = sm.apply(inRound(3, Step.PREVOTE), new ProposalAndPrecommitValue(1, A));

    assertThat(t.output()).contains(new Decide(1, A));
    assertThat(t.state().step()).isEqualTo(Step.COMMIT);
    assertThat(sm.apply(t.state(), new ProposalAndPrecommitValue(1, A)).accepted()).isFalse();
  }

  @Test
  void aRoundSkipLeavesTheRoundAndAsksForTheNewOne() {
    Transition t = sm.apply(inRound(1, Step.PREVOTE), new SkipRound(4));

    assertThat(t.output()).contains(new EnterRound(4));
    assertThat(t.state()).isEqualTo(inRound(1, Step.UNSTARTED));
    assertThat(sm.apply(inRound(4, Step.PREVOTE), new SkipRound(4)).accepted()).isFalse();
  }

  @Test
  void timeoutsActOnlyInTheirHeightRoundAndStep() {
    Timeout propose = new Timeout(TimeoutKind.PROPOSE, H, 1);
    assertThat(sm.apply(inRound(1, Step.PROPOSE), new TimeoutExpired(propose)).output())
        .contains(new BroadcastVote(Vote.prevote(H, 1, null, "me")));
    assertThat(sm.apply(inRound(1, Step.PREVOTE), new TimeoutExpired(propose)).accepted())
        .isFalse();
    assertThat(sm.apply(inRound(2, Step.PROPOSE), new TimeoutExpired(propose)).accepted())
        .as("a timeout of an earlier round is stale")
        .isFalse();
    Timeout otherHeight = new Timeout(TimeoutKind.PROPOSE, H + 1, 1);
    assertThat(sm.apply(inRound(1, Step.PROPOSE), new TimeoutExpired(otherHeight)).accepted())
        .isFalse();

    Timeout prevote = new Timeout(TimeoutKind.PREVOTE, H, 1);
    assertThat(sm.apply(inRound(1, Step.PREVOTE), new TimeoutExpired(prevote)).output())
        .contains(new BroadcastVote(Vote.precommit(H, 1, null, "me")));

    Timeout precommit = new Timeout(TimeoutKind.PRECOMMIT, H, 1);
    Transition t = sm.apply(inRound(1, Step.PRECOMMIT), new TimeoutExpired(precommit));
    assertThat(t.output()).contains(new EnterRound(2));
  }

  @Test
  void aRejectedInputLeavesTheStateAsItWas() {
    RoundState s = inRound(1, Step.PRECOMMIT).withLock(1, A).withValid(1, A);

    Transition t = sm.apply(s, new RoundInput.Proposal(1, B));

    assertThat(t.accepted()).isFalse();
    assertThat(t.rejection()).isPresent();
    assertThat(t.state()).isSameAs(s);
    assertThat(t.output()).isEqualTo(Optional.empty());
  }
}
