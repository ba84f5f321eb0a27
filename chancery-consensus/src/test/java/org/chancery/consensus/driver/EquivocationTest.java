package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.consensus.driver.Scenario.only;
import static org.chancery.consensus.driver.Scenario.votes;

import java.util.List;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.junit.jupiter.api.Test;

/** A validator that votes twice is caught, and its second vote never counts. */
class EquivocationTest {
  private static final ValueId A = ValueId.ofText("A");
  private static final ValueId B = ValueId.ofText("B");

  @Test
  void aDoublePrevoteIsReportedWithBothSignedVotes() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.prevote("b", 0, A);

    List<DriverOutput> out = s.prevote("b", 0, B);

    DriverOutput.EvidenceFound found =
        only(out, DriverOutput.EvidenceFound.class).stream().findFirst().orElseThrow();
    assertThat(found.equivocation().counted().vote()).isEqualTo(Vote.prevote(1, 0, A, "b"));
    assertThat(found.equivocation().conflicting().vote()).isEqualTo(Vote.prevote(1, 0, B, "b"));
    assertThat(s.driver.evidence()).containsExactly(found.equivocation());
  }

  @Test
  void theEquivocatorsSecondVoteDoesNotCompleteAPolka() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.proposal(0, B, -1); // a prevotes B
    s.prevote("b", 0, A);
    s.prevote("b", 0, B); // b's second prevote: evidence, not counted
    s.prevote("c", 0, B);

    assertThat(votes(s.log()))
        .as("B has a and c only; a polka needs three")
        .doesNotContain(Vote.precommit(1, 0, B, "a"));
    assertThat(s.driver.roundState().lockedValue()).isEmpty();

    List<DriverOutput> honest = s.prevote("d", 0, B);
    assertThat(votes(honest)).containsExactly(Vote.precommit(1, 0, B, "a"));
  }

  @Test
  void aDoublePrecommitIsReported() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.timeout(TimeoutKind.PROPOSE, 0);
    s.precommit("c", 0, null);

    List<DriverOutput> out = s.precommit("c", 0, A);

    assertThat(only(out, DriverOutput.EvidenceFound.class))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.equivocation().counted().vote().type()).isEqualTo(VoteType.PRECOMMIT));
  }
}
