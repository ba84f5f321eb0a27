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
 * @param walFault {@link WalFault#NONE}, or a bug planted outside the core, in the simulated node's
 *     WAL
 */
record SimConfig(
    int n,
    FaultMix faults,
    int heights,
    UponRules rules,
    Thresholds thresholds,
    DriverRules driverRules,
    WalFault walFault) {

  static SimConfig of(int n, FaultMix faults, int heights) {
    return new SimConfig(
        n,
        faults,
        heights,
        UponRules.ALGORITHM_1,
        Thresholds.BFT,
        DriverRules.STANDARD,
        WalFault.NONE);
  }

  SimConfig withThresholds(Thresholds t) {
    return new SimConfig(n, faults, heights, rules, t, driverRules, walFault);
  }

  SimConfig withRules(UponRules r) {
    return new SimConfig(n, faults, heights, r, thresholds, driverRules, walFault);
  }

  SimConfig withWalFault(WalFault fault) {
    return new SimConfig(n, faults, heights, rules, thresholds, driverRules, fault);
  }

  /** Bugs planted in the simulated node's WAL; production code is unchanged. */
  enum WalFault {
    NONE,
    /** A restarted validator gets an empty WAL, as if the WAL were not durable. */
    VOLATILE,
    /**
     * A message is sent before its WAL write is synced: a crash loses what was appended in the last
     * {@link Simulation#SYNC_LAG_MILLIS} ms, though it has left the process.
     */
    SENT_BEFORE_SYNC,
    /**
     * The WAL survives but the restarted validator does not replay it before signing: it asks for a
     * new value and prevotes again.
     */
    NOT_REPLAYED
  }

  /** Byzantine validators the fault mix asks for: f = (n - 1) / 3 of them, or none. */
  int byzantine() {
    return faults.byzantine ? (n - 1) / 3 : 0;
  }
}
