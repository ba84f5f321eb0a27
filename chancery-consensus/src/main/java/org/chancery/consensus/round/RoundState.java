package org.chancery.consensus.round;

import java.util.Objects;
import java.util.Optional;
import org.chancery.consensus.types.ValueId;

/**
 * The variables of Algorithm 1 for one height: {@code round_p}, {@code step_p}, {@code
 * lockedValue_p}, {@code lockedRound_p}, {@code validValue_p} and {@code validRound_p}. Immutable;
 * {@link RoundStateMachine} returns a new one on every accepted input.
 *
 * @param height the height ({@code h_p})
 * @param round the current round, -1 before the first round starts
 * @param step the current step
 * @param lockedRound the round of the lock, -1 when not locked
 * @param lockedValue the locked value, empty when not locked
 * @param validRound the round of the most recent polka seen for a proposal, -1 if none
 * @param validValue the value of that polka, empty if none
 */
public record RoundState(
    long height,
    int round,
    Step step,
    int lockedRound,
    Optional<ValueId> lockedValue,
    int validRound,
    Optional<ValueId> validValue) {

  public RoundState {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(lockedValue, "lockedValue");
    Objects.requireNonNull(validValue, "validValue");
    if (lockedValue.isPresent() != lockedRound >= 0) {
      throw new IllegalArgumentException(
          "locked value and locked round must be set together: "
              + lockedRound
              + ", "
              + lockedValue);
    }
    if (validValue.isPresent() != validRound >= 0) {
      throw new IllegalArgumentException(
          "valid value and valid round must be set together: " + validRound + ", " + validValue);
    }
  }

  /** The state at the start of a height (line 10 for height 0, line 54 for later ones). */
  public static RoundState initial(long height) {
    return new RoundState(height, -1, Step.NONE, -1, Optional.empty(), -1, Optional.empty());
  }

  public RoundState withStep(Step newStep) {
    return new RoundState(height, round, newStep, lockedRound, lockedValue, validRound, validValue);
  }

  public RoundState withRoundAndStep(int newRound, Step newStep) {
    return new RoundState(
        height, newRound, newStep, lockedRound, lockedValue, validRound, validValue);
  }

  public RoundState withLock(int round, ValueId value) {
    return new RoundState(
        height, this.round, step, round, Optional.of(value), validRound, validValue);
  }

  public RoundState withValid(int round, ValueId value) {
    return new RoundState(
        height, this.round, step, lockedRound, lockedValue, round, Optional.of(value));
  }

  public boolean isLocked() {
    return lockedRound >= 0;
  }

  @Override
  public String toString() {
    return "h="
        + height
        + " r="
        + round
        + " "
        + step
        + " locked="
        + lockedRound
        + "/"
        + lockedValue.map(ValueId::toString).orElse("nil")
        + " valid="
        + validRound
        + "/"
        + validValue.map(ValueId::toString).orElse("nil");
  }
}
