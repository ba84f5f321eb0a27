package org.chancery.ledger.exec;

/**
 * Bounds on what one transaction may do, so no transaction can bloat the state or the receipts.
 *
 * @param maxKeyBytes largest key (UTF-8 bytes)
 * @param maxValueBytes largest value
 * @param maxWriteBytesPerTx total bytes of keys and values one transaction may write
 * @param maxEventsPerTx most events one transaction may emit
 * @param maxEventBytesPerTx total bytes of event names and data per transaction
 * @param maxRangeEntries most entries one range read may return
 */
public record ExecutionLimits(
    int maxKeyBytes,
    int maxValueBytes,
    long maxWriteBytesPerTx,
    int maxEventsPerTx,
    int maxEventBytesPerTx,
    int maxRangeEntries) {

  /** Defaults suited to records, certificates and licence metadata. */
  public static ExecutionLimits defaults() {
    return new ExecutionLimits(1024, 256 * 1024, 1024 * 1024, 64, 64 * 1024, 1000);
  }
}
