package org.chancery.consensus.round;

/**
 * Where a validator stands inside a height ({@code step_p} of Algorithm 1, plus two bookkeeping
 * steps the paper does not need to name).
 */
public enum Step {
  /** No round started yet at this height. */
  NONE,
  /**
   * The round was left (a round skip, line 55, or the precommit timeout, line 65) and the next
   * round has not been started yet: only a new round may follow.
   */
  UNSTARTED,
  /** Waiting for the proposal (lines 11-21). */
  PROPOSE,
  /** Prevoted, waiting for a prevote quorum (lines 24-46). */
  PREVOTE,
  /** Precommitted, waiting for a precommit quorum (lines 40-48). */
  PRECOMMIT,
  /** Decided (line 49): no second decision at this height. */
  COMMIT
}
