package org.chancery.consensus.votekeeper;

import org.chancery.consensus.types.SignedVote;

/**
 * The two vote thresholds of Algorithm 1, over voting power. With n = 3f+1 validators of power 1: a
 * quorum is 2f+1 (more than two thirds of the total power), and f+1 (more than one third) is the
 * smallest set that must contain an honest validator, enough to skip to a higher round (line 55).
 *
 * <p>A default method per threshold, so a test can plant a wrong threshold (for instance f+1
 * counted as a quorum) in one place.
 */
public interface Thresholds {

  /** The thresholds of Algorithm 1. */
  Thresholds BFT = new Thresholds() {};

  /** 2f+1: more than two thirds of {@code total}. */
  default boolean isQuorum(long weight, long total) {
    return 3 * weight > 2 * total;
  }

  /** f+1: more than one third of {@code total} (line 55). */
  default boolean isSkip(long weight, long total) {
    return 3 * weight > total;
  }

  /**
   * Whether another vote by a validator already counted for this round and vote type adds its power
   * again. Never, in Algorithm 1: a validator's power counts once per round and type; a repeated
   * vote is either a duplicate or, if it differs, evidence of equivocation. A seam only so a test
   * can plant the double count and show the tests catch it.
   */
  default boolean countsAgain(SignedVote earlier, SignedVote repeated) {
    return false;
  }
}
