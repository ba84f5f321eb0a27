package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.consensus.driver.Scenario.votes;

import java.util.List;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.junit.jupiter.api.Test;

/**
 * The upon-rules are level-triggered: a proposal or quorum that arrived before its round or step is
 * acted on as soon as the round or step comes ({@link DriverRules#reexamine}). The model traces
 * rarely need this, so it is pinned down here.
 */
class ReexaminationTest {
  private static final ValueId A = ValueId.ofText("A");
  private static final ValueId B = ValueId.ofText("B");

  @Test
  void aProposalForTheNextRoundIsPrevotedWhenThatRoundStarts() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    assertThat(s.proposal(1, B, -1)).as("round 1 has not started").isEmpty();
    s.timeout(TimeoutKind.PROPOSE, 0);
    s.timeout(TimeoutKind.PREVOTE, 0);

    List<DriverOutput> next = s.timeout(TimeoutKind.PRECOMMIT, 0);

    assertThat(votes(next)).as("line 22, at once").containsExactly(Vote.prevote(1, 1, B, "a"));
  }

  @Test
  void aNilPolkaThatArrivedDuringTheProposeStepIsActedOnWhenPrevoting() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.prevote("b", 0, null);
    s.prevote("c", 0, null);
    s.prevote("d", 0, null);

    List<DriverOutput> out = s.timeout(TimeoutKind.PROPOSE, 0);

    assertThat(votes(out))
        .as("line 44 holds as soon as the step is prevote")
        .containsExactly(Vote.prevote(1, 0, null, "a"), Vote.precommit(1, 0, null, "a"));
  }

  @Test
  void aPolkaForTheProposalHeldBeforePrevotingLocksRightAfterThePrevote() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.prevote("b", 0, A);
    s.prevote("c", 0, A);
    s.prevote("d", 0, A);

    List<DriverOutput> out = s.proposal(0, A, -1);

    assertThat(votes(out))
        .as("line 22, then line 36 once in the prevote step")
        .containsExactly(Vote.prevote(1, 0, A, "a"), Vote.precommit(1, 0, A, "a"));
  }

  @Test
  void precommitsForAnythingHeldBeforeARoundStartsScheduleItsTimeout() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.precommit("b", 1, null);
    assertThat(s.driver.roundState().round()).isZero();

    List<DriverOutput> out = s.precommit("c", 1, A); // f+1: skip to round 1
    s.precommit("d", 1, null);

    assertThat(s.driver.roundState().round()).isEqualTo(1);
    assertThat(Scenario.timeouts(s.log()))
        .as("line 47 in round 1")
        .contains(new org.chancery.consensus.types.Timeout(TimeoutKind.PRECOMMIT, 1, 1));
    assertThat(out).isNotEmpty();
  }
}
