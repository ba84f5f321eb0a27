package org.chancery.consensus.types;

/** The three timeouts of Algorithm 1. */
public enum TimeoutKind {
  /** Waiting for the proposal (scheduled at line 21, handled at lines 57-60). */
  PROPOSE,
  /** Waiting for a prevote quorum on one value (scheduled at line 35, handled at lines 61-64). */
  PREVOTE,
  /** Waiting for a precommit quorum on one value (scheduled at line 48, handled at 65-67). */
  PRECOMMIT
}
