package org.chancery.core.evidence;

/**
 * Bounds on what one evidence transaction may record. They are part of the chain's rules (every
 * node must apply the same ones), so they come from the genesis, never from a node's own config.
 *
 * @param maxBatchDeposits the most deposits one {@code depositBatch} may carry
 * @param maxMetadataBytes the most bytes a deposit's metadata object may take as compact UTF-8 JSON
 */
public record EvidenceLimits(int maxBatchDeposits, int maxMetadataBytes) {
  /** 100 deposits a batch, 4 KiB of metadata a deposit. */
  public static final EvidenceLimits DEFAULTS = new EvidenceLimits(100, 4096);

  public EvidenceLimits {
    if (maxBatchDeposits < 1) {
      throw new IllegalArgumentException(
          "maxBatchDeposits must be at least 1: " + maxBatchDeposits);
    }
    if (maxMetadataBytes < 2) {
      throw new IllegalArgumentException(
          "maxMetadataBytes must be at least 2: " + maxMetadataBytes);
    }
  }
}
