package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.consensus.driver.Scenario.proposals;
import static org.chancery.consensus.driver.Scenario.votes;

import java.util.List;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.junit.jupiter.api.Test;

/** The proposer's side: asking for a value, proposing it once, prevoting its own proposal. */
class ProposingTest {
  private static final ValueId A = ValueId.ofText("A");
  private static final ValueId B = ValueId.ofText("B");

  @Test
  void theProposerAsksForAValueAndProposesIt() {
    Scenario s = Scenario.fourValidatorsAs("b"); // proposer of height 1, round 0
    List<DriverOutput> started = s.start(1);
    assertThat(started).contains(new DriverOutput.RequestValue(1, 0));

    List<DriverOutput> out = s.value(0, A);

    assertThat(proposals(out)).containsExactly(new Proposal(1, 0, A, -1, "b"));
    assertThat(votes(out))
        .as("its own proposal, delivered back")
        .containsExactly(Vote.prevote(1, 0, A, "b"));
  }

  @Test
  void aSecondValueForTheSameRoundIsNotProposed() {
    Scenario s = Scenario.fourValidatorsAs("b");
    s.start(1);
    s.value(0, A);

    List<DriverOutput> again = s.value(0, B);

    assertThat(again).singleElement().isInstanceOf(DriverOutput.InputIgnored.class);
  }

  @Test
  void aValueForAnotherRoundIsIgnored() {
    Scenario s = Scenario.fourValidatorsAs("b");
    s.start(1);

    assertThat(s.value(1, A)).singleElement().isInstanceOf(DriverOutput.InputIgnored.class);
    assertThat(proposals(s.log())).isEmpty();
  }

  @Test
  void aValueThatArrivesAfterItsRoundEndedIsNotProposed() {
    Scenario s = Scenario.fourValidatorsAs("b");
    s.start(1);
    s.timeout(TimeoutKind.PROPOSE, 0);
    s.timeout(TimeoutKind.PREVOTE, 0);
    s.timeout(TimeoutKind.PRECOMMIT, 0);
    assertThat(s.proposer(1)).isEqualTo("c");

    List<DriverOutput> late = s.value(0, A);

    assertThat(late).singleElement().isInstanceOf(DriverOutput.InputIgnored.class);
    assertThat(proposals(s.log())).isEmpty();
  }

  @Test
  void aNonProposerIsNeverAskedForAValue() {
    Scenario s = Scenario.fourValidatorsAs("a");

    assertThat(s.start(1)).noneMatch(o -> o instanceof DriverOutput.RequestValue);
    assertThat(s.value(0, A)).singleElement().isInstanceOf(DriverOutput.InputIgnored.class);
  }
}
