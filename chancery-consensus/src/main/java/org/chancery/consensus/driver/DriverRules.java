package org.chancery.consensus.driver;

import org.chancery.consensus.round.RoundState;

/**
 * Decisions the driver makes around Algorithm 1's rules, as small replaceable functions (the
 * round-level rules are in {@link org.chancery.consensus.round.UponRules}). {@link #STANDARD} is
 * what Chancery runs; a test may override one method to plant a known bug or to reproduce another
 * implementation's choice.
 */
public interface DriverRules {

  /** The rules Chancery runs. */
  DriverRules STANDARD = new DriverRules() {};

  /**
   * Whether the driver must look again at the proposals and votes it holds after one of its steps
   * moved the round state from {@code before} to {@code after}. The upon-rules are level-triggered
   * ("upon ... while step_p = s"), so entering a new round or step must act on a proposal or quorum
   * that arrived earlier: any change of round or step.
   */
  default boolean reexamine(RoundState before, RoundState after) {
    return before.round() != after.round() || before.step() != after.step();
  }
}
