package org.chancery.consensus.driver;

import org.chancery.consensus.types.TimeoutKind;
import org.chancery.core.genesis.ConsensusParameters;

/**
 * How long each timeout lasts: {@code base + round * delta} for its step, as in the Tendermint
 * paper (timeouts grow with the round so that, after GST, some round is long enough for every
 * correct validator to hear every other). Values come from the genesis {@link ConsensusParameters}.
 *
 * @param proposeMs propose timeout in round 0
 * @param proposeDeltaMs its growth per round
 * @param prevoteMs prevote timeout in round 0
 * @param prevoteDeltaMs its growth per round
 * @param precommitMs precommit timeout in round 0
 * @param precommitDeltaMs its growth per round
 */
public record TimeoutSchedule(
    long proposeMs,
    long proposeDeltaMs,
    long prevoteMs,
    long prevoteDeltaMs,
    long precommitMs,
    long precommitDeltaMs) {

  public TimeoutSchedule {
    for (long v :
        new long[] {
          proposeMs, proposeDeltaMs, prevoteMs, prevoteDeltaMs, precommitMs, precommitDeltaMs
        }) {
      if (v < 0) {
        throw new IllegalArgumentException("timeouts must not be negative");
      }
    }
  }

  /** The timeouts of a chain's consensus parameters. */
  public static TimeoutSchedule of(ConsensusParameters p) {
    return new TimeoutSchedule(
        p.proposeTimeoutMs(),
        p.proposeTimeoutDeltaMs(),
        p.prevoteTimeoutMs(),
        p.prevoteTimeoutDeltaMs(),
        p.precommitTimeoutMs(),
        p.precommitTimeoutDeltaMs());
  }

  /** Milliseconds the {@code kind} timeout of {@code round} lasts. */
  public long delayMillis(TimeoutKind kind, int round) {
    long r = Math.max(round, 0);
    return switch (kind) {
      case PROPOSE -> Math.addExact(proposeMs, Math.multiplyExact(r, proposeDeltaMs));
      case PREVOTE -> Math.addExact(prevoteMs, Math.multiplyExact(r, prevoteDeltaMs));
      case PRECOMMIT -> Math.addExact(precommitMs, Math.multiplyExact(r, precommitDeltaMs));
    };
  }
}
