package org.chancery.consensus.types;

import java.util.Objects;
import java.util.Optional;

/**
 * A prevote or precommit, as the consensus core sees it: already authenticated. On the wire it
 * travels as a {@link SignedVote}.
 *
 * @param type prevote or precommit
 * @param height the height voted at
 * @param round the round voted in, at least 0
 * @param value the value voted for, or empty for a vote for nil
 * @param validator name of the validator that cast it
 */
public record Vote(
    VoteType type, long height, int round, Optional<ValueId> value, String validator) {

  public Vote {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(validator, "validator");
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative: " + height);
    }
    if (round < 0) {
      throw new IllegalArgumentException("round must not be negative: " + round);
    }
  }

  public static Vote prevote(long height, int round, ValueId value, String validator) {
    return new Vote(VoteType.PREVOTE, height, round, Optional.ofNullable(value), validator);
  }

  public static Vote precommit(long height, int round, ValueId value, String validator) {
    return new Vote(VoteType.PRECOMMIT, height, round, Optional.ofNullable(value), validator);
  }

  public boolean isNil() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return type
        + "{h="
        + height
        + " r="
        + round
        + " "
        + value.map(ValueId::toString).orElse("nil")
        + " by "
        + validator
        + "}";
  }
}
