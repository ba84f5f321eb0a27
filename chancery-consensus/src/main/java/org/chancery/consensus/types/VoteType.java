package org.chancery.consensus.types;

/** The two votes of a Tendermint round. */
public enum VoteType {
  /** First-stage vote: "I accept this proposal" (Algorithm 1, lines 24, 26, 30, 32, 59). */
  PREVOTE,
  /** Second-stage vote: "I saw 2f+1 prevotes for it" (lines 40, 45, 63). */
  PRECOMMIT
}
