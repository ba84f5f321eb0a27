package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.consensus.driver.Scenario.decision;
import static org.chancery.consensus.driver.Scenario.only;
import static org.chancery.consensus.driver.Scenario.timeouts;
import static org.chancery.consensus.driver.Scenario.votes;

import java.util.List;
import org.chancery.consensus.round.Step;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.junit.jupiter.api.Test;

/** Leaving rounds: round skips, timeouts and their growth, decisions for earlier rounds. */
class RoundChangeTest {
  private static final ValueId A = ValueId.ofText("A");

  @Test
  void fPlusOneMessagesFromAHigherRoundSkipToIt() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);

    assertThat(s.prevote("b", 3, A)).as("f = 1 message proves nothing").isEmpty();
    List<DriverOutput> skipped = s.precommit("c", 3, A);

    assertThat(s.driver.roundState().round()).as("line 55: f+1 = 2 of 4").isEqualTo(3);
    assertThat(timeouts(skipped)).contains(new Timeout(TimeoutKind.PROPOSE, 1, 3));
    assertThat(s.proposer(3)).isEqualTo("a");
    assertThat(skipped).contains(new DriverOutput.RequestValue(1, 3));
  }

  @Test
  void timeoutsGrowWithTheRound() {
    Scenario s = Scenario.fourValidatorsAs("a");
    List<DriverOutput> r0 = s.start(1);
    assertThat(only(r0, DriverOutput.ScheduleTimeout.class))
        .containsExactly(
            new DriverOutput.ScheduleTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 0), 3000));

    s.prevote("b", 2, A);
    List<DriverOutput> r2 = s.prevote("c", 2, A);
    assertThat(only(r2, DriverOutput.ScheduleTimeout.class))
        .contains(new DriverOutput.ScheduleTimeout(new Timeout(TimeoutKind.PROPOSE, 1, 2), 4000));

    List<DriverOutput> polka = s.timeout(TimeoutKind.PROPOSE, 2);
    assertThat(only(polka, DriverOutput.ScheduleTimeout.class))
        .as("prevote timeout of round 2 after 2f+1 prevotes for anything (line 34)")
        .contains(new DriverOutput.ScheduleTimeout(new Timeout(TimeoutKind.PREVOTE, 1, 2), 2000));
  }

  @Test
  void theScheduleComesFromTheGenesisParameters() {
    TimeoutSchedule t = TimeoutSchedule.of(ConsensusParameters.defaults(ConsensusType.BFT));

    assertThat(t.delayMillis(TimeoutKind.PROPOSE, 0)).isEqualTo(3000);
    assertThat(t.delayMillis(TimeoutKind.PROPOSE, 4)).isEqualTo(5000);
    assertThat(t.delayMillis(TimeoutKind.PREVOTE, 1)).isEqualTo(1500);
    assertThat(t.delayMillis(TimeoutKind.PRECOMMIT, 2)).isEqualTo(2000);
  }

  @Test
  void theThreeTimeoutsMoveThroughARoundWithoutAProposal() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);

    assertThat(votes(s.timeout(TimeoutKind.PROPOSE, 0)))
        .as("line 59")
        .containsExactly(Vote.prevote(1, 0, null, "a"));
    assertThat(votes(s.timeout(TimeoutKind.PREVOTE, 0)))
        .as("line 63")
        .containsExactly(Vote.precommit(1, 0, null, "a"));
    s.timeout(TimeoutKind.PRECOMMIT, 0);
    assertThat(s.driver.roundState().round()).as("line 67").isEqualTo(1);
    assertThat(s.driver.roundState().step()).isEqualTo(Step.PROPOSE);
  }

  @Test
  void timeoutsOfARoundLeftBehindAreIgnored() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.prevote("b", 2, null);
    s.prevote("c", 2, null);

    List<DriverOutput> stale = s.timeout(TimeoutKind.PROPOSE, 0);

    assertThat(stale).singleElement().isInstanceOf(DriverOutput.InputIgnored.class);
    assertThat(s.driver.roundState().step()).isEqualTo(Step.PROPOSE);
    assertThat(s.driver.roundState().round()).isEqualTo(2);
  }

  @Test
  void aCommitFromAnEarlierRoundDecides() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.proposal(0, A, -1);
    s.timeout(TimeoutKind.PREVOTE, 0);
    s.timeout(TimeoutKind.PRECOMMIT, 0);
    s.timeout(TimeoutKind.PROPOSE, 1);
    s.timeout(TimeoutKind.PREVOTE, 1);
    s.timeout(TimeoutKind.PRECOMMIT, 1);
    assertThat(s.driver.roundState().round()).isEqualTo(2);

    s.precommit("b", 0, A);
    s.precommit("c", 0, A);
    List<DriverOutput> last = s.precommit("d", 0, A);

    DriverOutput.Decide d = decision(last).orElseThrow();
    assertThat(d.round()).as("line 49 holds for any round r").isZero();
    assertThat(d.commit()).extracting(v -> v.vote().validator()).containsExactly("b", "c", "d");
  }

  @Test
  void aCommitSeenBeforeItsProposalDecidesWhenTheProposalArrives() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.precommit("b", 0, A);
    s.precommit("c", 0, A);
    s.precommit("d", 0, A);
    assertThat(s.driver.decision()).isEmpty();

    assertThat(decision(s.proposal(0, A, -1))).isPresent();
  }

  @Test
  void aHeightStartsInTheRoundOthersAlreadyReached() {
    Scenario s = Scenario.fourValidatorsAs("a");
    List<DriverOutput> out =
        s.apply(
            new DriverInput.StartHeight(
                1,
                s.validators,
                List.of(
                    Scenario.signed(Vote.prevote(1, 2, null, "b")),
                    Scenario.signed(Vote.prevote(1, 2, null, "c")),
                    Scenario.signed(Vote.prevote(1, 2, A, "d"))),
                List.of()));

    assertThat(s.driver.roundState().round()).isEqualTo(2);
    assertThat(timeouts(out)).contains(new Timeout(TimeoutKind.PROPOSE, 1, 2));
  }

  @Test
  void aHeightWhoseCommitArrivedEarlyWaitsForTheProposal() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.apply(
        new DriverInput.StartHeight(
            1,
            s.validators,
            List.of(),
            List.of(
                List.of(
                    Scenario.signed(Vote.precommit(1, 0, A, "b")),
                    Scenario.signed(Vote.precommit(1, 0, A, "c")),
                    Scenario.signed(Vote.precommit(1, 0, A, "d"))))));
    assertThat(s.driver.roundState().step()).isEqualTo(Step.NONE);

    assertThat(decision(s.proposal(0, A, -1))).isPresent();
  }
}
