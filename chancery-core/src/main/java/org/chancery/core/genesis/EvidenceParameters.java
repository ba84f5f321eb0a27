package org.chancery.core.genesis;

import org.chancery.core.evidence.EvidenceLimits;

/**
 * The {@code evidence} contract's limits, in the genesis so that every node applies the same ones.
 * Optional in {@code genesis.json}: a genesis without an {@code evidence} object uses {@link
 * #defaults()}, and one with the defaults is written without it, so genesis files written before
 * these limits existed keep their bytes and hash.
 *
 * @param maxBatchDeposits the most deposits one {@code depositBatch} may carry, 1 to {@value
 *     #MAX_BATCH_DEPOSITS}
 * @param maxMetadataBytes the most bytes a deposit's metadata may take as compact JSON, 2 to
 *     {@value #MAX_METADATA_BYTES}
 */
public record EvidenceParameters(int maxBatchDeposits, int maxMetadataBytes) {
  /**
   * Upper bound of {@link #maxBatchDeposits}: a batch, its one event (about 140 bytes a deposit)
   * and its writes must fit one transaction's execution limits (64 KiB of events, 1 MiB of writes).
   */
  public static final int MAX_BATCH_DEPOSITS = 256;

  /** Upper bound of {@link #maxMetadataBytes}. */
  public static final int MAX_METADATA_BYTES = 64 * 1024;

  /** {@link EvidenceLimits#DEFAULTS}. */
  public static EvidenceParameters defaults() {
    return new EvidenceParameters(
        EvidenceLimits.DEFAULTS.maxBatchDeposits(), EvidenceLimits.DEFAULTS.maxMetadataBytes());
  }

  /** These parameters as the limits the contract applies. */
  public EvidenceLimits limits() {
    return new EvidenceLimits(maxBatchDeposits, maxMetadataBytes);
  }
}
