package org.chancery.consensus.driver;

import org.chancery.consensus.round.RoundInput;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.types.Timeout;

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

  /**
   * The round within which a compound input counts "for the first time" (lines 34, 36 and 47): the
   * current one, so that each round schedules its own prevote and precommit timeouts.
   */
  default int firstTimeRound(RoundInput input, int round) {
    return round;
  }

  /**
   * Whether an expired timeout belongs to a round this validator has left (lines 57, 61 and 65 act
   * only on {@code OnTimeout*(h_p, round_p)}): after a round skip its old timers still fire.
   */
  default boolean isStale(Timeout t, RoundState s) {
    return t.height() != s.height() || t.round() != s.round();
  }

  /**
   * Whether, on entering a step, the driver still acts on a polka it holds (lines 34 and 44) when
   * it also holds 2f+1 precommits for anything (line 47). Always: the upon-rules are independent,
   * and a nil polka must still make the validator precommit nil rather than wait for the precommit
   * timeout.
   */
  default boolean polkasAfterPrecommitAny() {
    return true;
  }
}
