package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.consensus.driver.Scenario.proposals;
import static org.chancery.consensus.driver.Scenario.votes;

import java.util.Optional;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.junit.jupiter.api.Test;

/**
 * Locks and valid values across rounds (lines 28-43). Four validators a, b, c, d; at height 1 the
 * proposers of rounds 0, 1, 2, 3 are b, c, d, a.
 */
class LockingTest {
  private static final ValueId A = ValueId.ofText("A");
  private static final ValueId B = ValueId.ofText("B");

  /** Validator a locks on A in round 0, which does not decide; round 1 begins. */
  private static Scenario lockedOnAInRoundZero() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.proposal(0, A, -1);
    s.prevote("b", 0, A);
    assertThat(votes(s.prevote("c", 0, A))).containsExactly(Vote.precommit(1, 0, A, "a"));
    s.precommit("b", 0, null);
    s.precommit("c", 0, null);
    s.timeout(TimeoutKind.PRECOMMIT, 0);
    assertThat(s.driver.roundState().round()).isEqualTo(1);
    return s;
  }

  @Test
  void aLockedValidatorPrevotesNilForAnotherValueAndRelocksOnANewerPolka() {
    Scenario s = lockedOnAInRoundZero();

    assertThat(votes(s.proposal(1, B, -1)))
        .as("line 26: locked on A, B is refused")
        .containsExactly(Vote.prevote(1, 1, null, "a"));
    s.prevote("b", 1, B);
    s.prevote("c", 1, B);
    assertThat(votes(s.prevote("d", 1, B)))
        .as("lines 36-40: a polka for the proposal locks on it whatever was locked before")
        .containsExactly(Vote.precommit(1, 1, B, "a"));
    assertThat(s.driver.roundState().lockedValue()).contains(B);
    assertThat(s.driver.roundState().lockedRound()).isEqualTo(1);
    assertThat(s.driver.roundState().validRound()).isEqualTo(1);
  }

  @Test
  void aProposalWithANewerProofOfLockIsPrevotedDespiteTheLock() {
    Scenario s = lockedOnAInRoundZero();
    // Round 1: c's proposal never reaches a; a times out, while b, c and d form a polka for B.
    assertThat(votes(s.timeout(TimeoutKind.PROPOSE, 1)))
        .containsExactly(Vote.prevote(1, 1, null, "a"));
    s.prevote("b", 1, B);
    s.prevote("c", 1, B);
    s.prevote("d", 1, B);
    s.timeout(TimeoutKind.PREVOTE, 1);
    s.precommit("b", 1, null);
    s.precommit("c", 1, null);
    s.timeout(TimeoutKind.PRECOMMIT, 1);

    assertThat(votes(s.proposal(2, B, 1)))
        .as("lines 28-30: lockedRound 0 <= vr 1, so B is prevoted")
        .containsExactly(Vote.prevote(1, 2, B, "a"));
    assertThat(s.driver.roundState().lockedValue())
        .as("the lock is kept until line 38")
        .contains(A);
  }

  @Test
  void aProposalWithAnOlderProofOfLockIsRefused() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    // Round 0: a polka for B that a does not join.
    s.timeout(TimeoutKind.PROPOSE, 0);
    s.prevote("b", 0, B);
    s.prevote("c", 0, B);
    s.prevote("d", 0, B);
    s.timeout(TimeoutKind.PREVOTE, 0);
    s.precommit("b", 0, null);
    s.precommit("c", 0, null);
    s.timeout(TimeoutKind.PRECOMMIT, 0);
    // Round 1: a locks on A.
    s.proposal(1, A, -1);
    s.prevote("b", 1, A);
    s.prevote("c", 1, A);
    s.precommit("b", 1, null);
    s.precommit("c", 1, null);
    s.timeout(TimeoutKind.PRECOMMIT, 1);
    assertThat(s.driver.roundState().lockedRound()).isEqualTo(1);

    assertThat(votes(s.proposal(2, B, 0)))
        .as("line 32: the lock (round 1) is newer than B's polka (round 0)")
        .containsExactly(Vote.prevote(1, 2, null, "a"));
  }

  @Test
  void aDelayedPrevoteSetsTheValidValueWhichTheNextProposerReproposes() {
    Scenario s = Scenario.fourValidatorsAs("c"); // c proposes round 1
    s.start(1);
    s.proposal(0, A, -1);
    s.prevote("a", 0, A);
    s.prevote("b", 0, null);
    assertThat(votes(s.timeout(TimeoutKind.PREVOTE, 0)))
        .containsExactly(Vote.precommit(1, 0, null, "c"));

    s.prevote("d", 0, A); // the polka completes after c precommitted nil

    assertThat(s.driver.roundState().validValue()).as("lines 42-43").contains(A);
    assertThat(s.driver.roundState().validRound()).isZero();
    assertThat(s.driver.roundState().lockedValue()).as("no lock: c did not precommit A").isEmpty();

    s.precommit("a", 0, null);
    s.precommit("b", 0, null);
    assertThat(proposals(s.timeout(TimeoutKind.PRECOMMIT, 0)))
        .as("lines 15-16, 19: the valid value is proposed again with its round")
        .containsExactly(new Proposal(1, 1, A, 0, "c"));
  }

  @Test
  void aDelayedProposalWithAPolkaLocksInThePrevoteStep() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.timeout(TimeoutKind.PROPOSE, 0);
    s.prevote("b", 0, A);
    s.prevote("c", 0, A);
    s.prevote("d", 0, A);
    assertThat(s.driver.roundState().lockedValue()).as("no proposal yet").isEmpty();

    assertThat(votes(s.proposal(0, A, -1)))
        .as("line 36: proposal and polka while step >= prevote")
        .containsExactly(Vote.precommit(1, 0, A, "a"));
    assertThat(s.driver.roundState().lockedValue()).contains(A);
    assertThat(s.driver.roundState().validValue()).contains(A);
  }

  @Test
  void aNilPolkaKeepsTheLock() {
    Scenario s = lockedOnAInRoundZero();
    s.timeout(TimeoutKind.PROPOSE, 1);
    s.prevote("b", 1, null);

    assertThat(votes(s.prevote("c", 1, null)))
        .as("with a's own nil prevote that is 2f+1")
        .containsExactly(Vote.precommit(1, 1, null, "a"));
    assertThat(s.driver.roundState().lockedValue()).as("line 44 does not unlock").contains(A);
    assertThat(s.driver.roundState().lockedRound()).isZero();
    assertThat(s.driver.roundState().validValue()).isEqualTo(Optional.of(A));
  }
}
