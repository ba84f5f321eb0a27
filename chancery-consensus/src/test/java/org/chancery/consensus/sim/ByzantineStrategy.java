package org.chancery.consensus.sim;

/**
 * How a Byzantine validator misbehaves. It runs an honest core underneath (so it stays in step with
 * the others) and distorts what it sends, signed with its real key unless stated.
 */
enum ByzantineStrategy {
  /** Sends nothing at all. */
  SILENT,
  /** As proposer, sends one valid value to half the validators and another to the other half. */
  EQUIVOCATING_PROPOSER,
  /** Signs a second, conflicting prevote or precommit for every vote and splits them. */
  DOUBLE_VOTE,
  /** Sends every message with a corrupted signature, and the real one only sometimes. */
  INVALID_SIGNATURE,
  /** Votes (prevote and precommit) for values no one proposed. */
  UNKNOWN_VALUE,
  /** As proposer, proposes a block with a wrong state root, which honest validators reject. */
  INVALID_PROPOSAL
}
