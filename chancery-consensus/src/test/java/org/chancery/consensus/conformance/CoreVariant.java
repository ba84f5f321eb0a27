package org.chancery.consensus.conformance;

import org.chancery.consensus.driver.DriverRules;
import org.chancery.consensus.round.UponRules;
import org.chancery.consensus.votekeeper.Thresholds;

/**
 * The replaceable rule functions of the consensus core that a replay runs with: {@link #STANDARD}
 * for conformance, or one planted bug to show that the replay catches it.
 *
 * @param rules the upon-rules of the round state machine
 * @param thresholds the vote-keeper thresholds
 * @param driverRules the driver's own rules
 */
record CoreVariant(UponRules rules, Thresholds thresholds, DriverRules driverRules) {
  static final CoreVariant STANDARD =
      new CoreVariant(UponRules.ALGORITHM_1, Thresholds.BFT, DriverRules.STANDARD);

  CoreVariant withDriverRules(DriverRules other) {
    return new CoreVariant(rules, thresholds, other);
  }
}
