package org.chancery.consensus.sim;

/**
 * Which faults a simulated run injects before the network heals. After the heal time every mix is
 * the same: no loss, no partition, no crash, bounded delays (Byzantine validators keep
 * misbehaving).
 */
enum FaultMix {
  /** Reliable network with small random delays; no faults at all. */
  CLEAN(false, false, false, false),
  /** Loss, duplication and long-tailed delays (hence reordering). */
  LOSSY(true, false, false, false),
  /** Two sides that cannot hear each other until the heal time, plus some loss. */
  PARTITION(true, true, false, false),
  /** Validators crash and restart from their WAL. */
  CRASH(true, false, true, false),
  /** Up to f Byzantine validators on a lossy network. */
  BYZANTINE(true, false, false, true),
  /** Everything at once. */
  CHAOS(true, true, true, true);

  final boolean lossy;
  final boolean partitions;
  final boolean crashes;
  final boolean byzantine;

  FaultMix(boolean lossy, boolean partitions, boolean crashes, boolean byzantine) {
    this.lossy = lossy;
    this.partitions = partitions;
    this.crashes = crashes;
    this.byzantine = byzantine;
  }
}
