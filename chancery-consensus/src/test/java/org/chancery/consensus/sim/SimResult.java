package org.chancery.consensus.sim;

import java.util.List;

/**
 * What one seeded run found.
 *
 * @param seed the seed
 * @param config the run's shape
 * @param violations broken invariants, empty for a clean run
 * @param heightsDecided heights decided by every honest validator
 * @param simulatedMillis virtual time at the end
 * @param events events processed
 * @param digest SHA-256 of the event log (identical for identical seeds)
 * @param stats counters (messages sent, lost, signatures rejected, crashes, evidence...)
 */
record SimResult(
    long seed,
    SimConfig config,
    List<String> violations,
    long heightsDecided,
    long simulatedMillis,
    long events,
    String digest,
    String stats) {

  boolean ok() {
    return violations.isEmpty();
  }
}
