package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.consensus.driver.Scenario.votes;

import java.util.List;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.junit.jupiter.api.Test;

/** What the driver refuses, and that it says why. */
class InputValidationTest {
  private static final ValueId A = ValueId.ofText("A");

  private static String reason(List<DriverOutput> out) {
    assertThat(out).singleElement().isInstanceOf(DriverOutput.InputIgnored.class);
    return ((DriverOutput.InputIgnored) out.get(0)).reason();
  }

  @Test
  void nothingIsDoneBeforeAHeightStarts() {
    Scenario s = Scenario.fourValidatorsAs("a");

    assertThat(reason(s.prevote("b", 0, A))).contains("no height has been started");
  }

  @Test
  void aProposalFromAValidatorThatIsNotTheProposerIsIgnored() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);

    List<DriverOutput> out =
        s.apply(
            new DriverInput.ProposalReceived(
                Scenario.signed(new Proposal(1, 0, A, -1, "c")), Validity.VALID));

    assertThat(reason(out)).contains("c is not the proposer of round 0");
  }

  @Test
  void messagesForAnotherHeightAreIgnored() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);

    assertThat(
            reason(
                s.apply(new DriverInput.VoteReceived(Scenario.signed(Vote.prevote(2, 0, A, "b"))))))
        .contains("height 2");
    assertThat(
            reason(
                s.apply(
                    new DriverInput.ProposalReceived(
                        Scenario.signed(new Proposal(0, 0, A, -1, "a")), Validity.VALID))))
        .contains("height 0");
  }

  @Test
  void aVoteFromOutsideTheValidatorSetIsIgnored() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);

    assertThat(reason(s.prevote("mallory", 0, A))).contains("'mallory' is not a validator");
  }

  @Test
  void anInvalidProposalIsPrevotedNil() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);

    List<DriverOutput> out = s.proposal(0, A, -1, Validity.INVALID);

    assertThat(votes(out)).containsExactly(Vote.prevote(1, 0, null, "a"));
  }

  @Test
  void anInvalidProposalIsNeverDecided() {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    s.proposal(0, A, -1, Validity.INVALID);
    s.precommit("b", 0, A);
    s.precommit("c", 0, A);
    s.precommit("d", 0, A);

    assertThat(s.driver.decision())
        .as("line 49 needs valid(v): a node that could not validate the block cannot decide it")
        .isEmpty();
  }
}
