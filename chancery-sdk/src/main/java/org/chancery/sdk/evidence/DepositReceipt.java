package org.chancery.sdk.evidence;

import java.util.Objects;
import java.util.OptionalLong;
import org.chancery.core.Bytes;
import org.chancery.sdk.TransactionStatus;

/**
 * What a deposit came to.
 *
 * @param depositId the deposit's id (derived from the transaction; recorded only once committed)
 * @param txId the transaction that carries it
 * @param digest the file's digest, computed locally
 * @param size the file's length in bytes
 * @param status pending, committed, or failed (then nothing was recorded)
 * @param height the block that holds the transaction, once included
 */
public record DepositReceipt(
    Bytes depositId,
    Bytes txId,
    Bytes digest,
    long size,
    TransactionStatus status,
    OptionalLong height) {
  public DepositReceipt {
    Objects.requireNonNull(depositId, "depositId");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(height, "height");
  }
}
