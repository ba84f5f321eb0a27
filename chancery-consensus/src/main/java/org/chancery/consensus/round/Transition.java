package org.chancery.consensus.round;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of feeding one input to the round state machine: the next state and at most one
 * output, or a rejection that leaves the state unchanged (the input's guard did not hold).
 *
 * @param state the state after the input
 * @param output what to do, if anything
 * @param rejection why the input was not accepted, empty when it was
 */
public record Transition(
    RoundState state, Optional<RoundOutput> output, Optional<String> rejection) {

  public Transition {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(rejection, "rejection");
    if (rejection.isPresent() && output.isPresent()) {
      throw new IllegalArgumentException("a rejected input has no output");
    }
  }

  /** Accepted, moving to {@code state} and asking for {@code output}. */
  public static Transition to(RoundState state, RoundOutput output) {
    return new Transition(state, Optional.of(output), Optional.empty());
  }

  /** Accepted, moving to {@code state} with nothing to do. */
  public static Transition quietly(RoundState state) {
    return new Transition(state, Optional.empty(), Optional.empty());
  }

  /** Not accepted: {@code unchanged} is the state the input was applied to. */
  public static Transition rejected(RoundState unchanged, String reason) {
    return new Transition(unchanged, Optional.empty(), Optional.of(reason));
  }

  public boolean accepted() {
    return rejection.isEmpty();
  }
}
