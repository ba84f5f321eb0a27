package org.chancery.consensus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.chancery.consensus.round.RoundInput;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.round.RoundStateMachine;
import org.chancery.consensus.round.Step;
import org.chancery.consensus.round.Transition;

/**
 * Replays a round-state-machine trace ({@code state}, {@code input}, {@code output}): the model's
 * {@code consensus} function applied to one input per step. Each step feeds the input to {@link
 * RoundStateMachine} and checks the output and the whole resulting state (height, round, step,
 * locked and valid value and round).
 *
 * <p>One documented deviation: the model accepts {@code ProposalAndPolkaAndInvalidCInput} in any
 * step, while line 28 of Algorithm 1 applies only "while step_p = propose" (a second prevote in a
 * round would be an equivocation). There the implementation must reject the input; the replay
 * asserts exactly that, counts it, and continues from the model's state. If the model took that
 * input before any round had started, its next state (prevoted, in round -1) is one Algorithm 1
 * never reaches; the rest of that trace is counted as not compared.
 */
final class RoundStateMachineReplay {
  static final String INVALID_POLKA_OUTSIDE_PROPOSE =
      "line 28 with invalid value outside the propose step: model accepts, Algorithm 1 does not";

  static final String UNREACHABLE_AFTER_DEVIATION =
      "trace ends in the model's unreachable 'round -1, prevote step' state after that deviation";

  private RoundStateMachineReplay() {}

  static boolean accepts(Itf.Trace trace) {
    return trace.hasVariable("state") && trace.hasVariable("input") && trace.hasVariable("output");
  }

  static ReplayStats replay(Itf.Trace trace, CoreVariant core) {
    ReplayStats stats = new ReplayStats();
    JsonNode first = trace.variable(0, "state");
    String self = first.get("p").asText();
    RoundStateMachine machine = new RoundStateMachine(self, core.rules());
    RoundState current = RoundState.initial(Itf.bigint(first.get("height")));
    assertThat(current).as("%s: state 0", trace.name()).isEqualTo(ModelTerms.roundState(first));
    assertThat(Itf.tag(trace.variable(0, "input"))).isEqualTo("NoConsensusInput");

    for (int i = 1; i < trace.states().size(); i++) {
      if (i >= 2 && trace.repeatsPrevious(i)) {
        stats.repeatedStatesSkipped++;
        continue;
      }
      JsonNode inputTerm = trace.variable(i, "input");
      RoundInput input = ModelConsensus.input(inputTerm);
      JsonNode outputTerm = trace.variable(i, "output");
      RoundState expectedState = ModelTerms.roundState(trace.variable(i, "state"));
      String where = trace.name() + ": state " + i + ", input " + inputTerm + ", from " + current;

      Transition t = machine.apply(current, input);
      if (input instanceof RoundInput.InvalidProposalAndPolkaPrevious
          && current.step() != Step.PROPOSE
          && !Itf.tag(outputTerm).equals("ErrorOutput")) {
        assertThat(t.accepted()).as(where + ": expected the implementation to reject").isFalse();
        assertThat(t.state()).as(where).isEqualTo(current);
        stats.deviation(INVALID_POLKA_OUTSIDE_PROPOSE);
        stats.statesCompared++;
        if (expectedState.round() < 0) {
          // The model prevoted in "round -1", before any round started: a state no sequence of
          // Algorithm 1 steps reaches, and which the implementation cannot even represent (a
          // vote or lock needs a round). Nothing after it is comparable.
          stats.deviation(UNREACHABLE_AFTER_DEVIATION);
          stats.stepsNotCompared += trace.states().size() - 1 - i;
          return stats;
        }
        current = expectedState;
        continue;
      }
      ModelConsensus.Expected expected = ModelConsensus.output(outputTerm, current.height());
      switch (expected) {
        case ModelConsensus.Expected.Rejected r -> {
          assertThat(t.accepted())
              .as(where + ": the model rejects it (" + r.message() + ") but got " + t)
              .isFalse();
          assertThat(t.state()).as(where).isEqualTo(current);
        }
        case ModelConsensus.Expected.Nothing n -> {
          assertThat(t.rejection()).as(where).isEmpty();
          assertThat(t.output()).as(where).isEmpty();
        }
        case ModelConsensus.Expected.Output o -> {
          assertThat(t.rejection()).as(where).isEmpty();
          assertThat(t.output()).as(where).contains(o.output());
        }
      }
      assertThat(t.state()).as(where).isEqualTo(expectedState);
      current = t.state();
      stats.statesCompared++;
    }
    return stats;
  }
}
