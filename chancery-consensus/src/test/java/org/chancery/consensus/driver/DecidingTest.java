package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.consensus.driver.Scenario.decision;
import static org.chancery.consensus.driver.Scenario.proposals;
import static org.chancery.consensus.driver.Scenario.votes;

import java.util.List;
import java.util.Map;
import org.chancery.consensus.round.Step;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.core.block.CommitCertificate;
import org.junit.jupiter.api.Test;

/** A height decided in its first round, by four validators and by one alone. */
class DecidingTest {
  private static final ValueId BLOCK = ValueId.ofText("block-1");

  @Test
  void fourValidatorsDecideInRoundZeroWithACommitCertificate() {
    Scenario s = Scenario.fourValidatorsAs("c"); // proposer of height 1, round 0 is b
    s.start(1);
    assertThat(s.proposer(0)).isEqualTo("b");

    assertThat(votes(s.proposal(0, BLOCK, -1))).containsExactly(Vote.prevote(1, 0, BLOCK, "c"));
    s.prevote("a", 0, BLOCK);
    assertThat(votes(s.prevote("b", 0, BLOCK)))
        .as("lines 36-40: the polka locks and precommits")
        .containsExactly(Vote.precommit(1, 0, BLOCK, "c"));
    assertThat(s.driver.roundState().lockedValue()).contains(BLOCK);

    s.precommit("a", 0, BLOCK);
    List<DriverOutput> last = s.precommit("d", 0, BLOCK);

    DriverOutput.Decide d = decision(last).orElseThrow();
    assertThat(d.height()).isEqualTo(1);
    assertThat(d.round()).isZero();
    assertThat(d.proposal().proposal()).isEqualTo(new Proposal(1, 0, BLOCK, -1, "b"));
    assertThat(d.commit())
        .extracting(v -> v.vote().validator())
        .containsExactlyInAnyOrder("a", "c", "d");
    assertThat(s.driver.roundState().step()).isEqualTo(Step.COMMIT);
    assertThat(d.certificate().blockHash()).isEqualTo(BLOCK.bytes());
    assertThat(d.certificate().signatures())
        .extracting(CommitCertificate.CommitSignature::validator)
        .containsExactlyInAnyOrder("a", "c", "d");
  }

  @Test
  void aSingleValidatorDecidesAlone() {
    Scenario s = new Scenario("solo", Map.of("solo", 1L));

    List<DriverOutput> started = s.start(4);
    assertThat(started).contains(new DriverOutput.RequestValue(4, 0));

    List<DriverOutput> rest = s.value(0, BLOCK);

    assertThat(proposals(rest)).containsExactly(new Proposal(4, 0, BLOCK, -1, "solo"));
    assertThat(votes(rest))
        .containsExactly(Vote.prevote(4, 0, BLOCK, "solo"), Vote.precommit(4, 0, BLOCK, "solo"));
    DriverOutput.Decide d = decision(rest).orElseThrow();
    assertThat(d.commit())
        .singleElement()
        .extracting(v -> v.vote())
        .isEqualTo(Vote.precommit(4, 0, BLOCK, "solo"));
  }

  @Test
  void theNextHeightStartsFresh() {
    Scenario s = new Scenario("solo", Map.of("solo", 1L));
    s.start(4);
    s.value(0, BLOCK);

    List<DriverOutput> next = s.start(5);

    assertThat(next).contains(new DriverOutput.RequestValue(5, 0));
    assertThat(s.driver.height()).isEqualTo(5);
    assertThat(s.driver.roundState().lockedValue()).isEmpty();
    assertThat(s.driver.decision()).isEmpty();
  }

  @Test
  void afterTheDecisionTheHeightIgnoresInput() {
    Scenario s = new Scenario("solo", Map.of("solo", 1L));
    s.start(4);
    s.value(0, BLOCK);

    List<DriverOutput> late = s.timeout(org.chancery.consensus.types.TimeoutKind.PRECOMMIT, 0);

    assertThat(late).singleElement().isInstanceOf(DriverOutput.InputIgnored.class);
  }
}
