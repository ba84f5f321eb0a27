package org.chancery.consensus.sim;

import org.chancery.consensus.driver.DriverRules;
import org.chancery.consensus.round.UponRules;
import org.chancery.consensus.votekeeper.Thresholds;

/**
 * One simulated run's shape; the seed decides everything else (delays, losses, partitions, crash
 * times, drift, Byzantine strategies).
 *
 * @param n validators, power 1 each
 * @param faults the fault mix before the heal time
 * @param heights heights every honest validator must decide (liveness target)
 * @param rules upon-rules of every core (tests plant bugs here)
 * @param thresholds vote thresholds of every core (tests plant bugs here)
 * @param walSurvivesCrash false plants a bug outside the core: a restarted validator gets an empty
 *     WAL, as if the WAL were not durable
 */
record SimConfig(
    int n,
    FaultMix faults,
    int heights,
    UponRules rules,
    Thresholds thresholds,
    DriverRules driverRules,
    boolean walSurvivesCrash) {

  static SimConfig of(int n, FaultMix faults, int heights) {
    return new SimConfig(
        n, faults, heights, UponRules.ALGORITHM_1, Thresholds.BFT, DriverRules.STANDARD, true);
  }

  SimConfig withThresholds(Thresholds t) {
    return new SimConfig(n, faults, heights, rules, t, driverRules, walSurvivesCrash);
  }

  SimConfig withRules(UponRules r) {
    return new SimConfig(n, faults, heights, r, thresholds, driverRules, walSurvivesCrash);
  }

  SimConfig withVolatileWal() {
    return new SimConfig(n, faults, heights, rules, thresholds, driverRules, false);
  }

  /** Byzantine validators the fault mix asks for: f = (n - 1) / 3 of them, or none. */
  int byzantine() {
    return faults.byzantine ? (n - 1) / 3 : 0;
  }
}
