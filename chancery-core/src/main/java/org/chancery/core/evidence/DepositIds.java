package org.chancery.core.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * Derives deposit ids. A deposit's id is the suite's hash of a domain tag, the id of the
 * transaction that made it and its position in that transaction (0 for {@code deposit}, 0..n-1 for
 * {@code depositBatch}), so every node, and any verifier, computes the same id with no counter and
 * no coordination.
 *
 * <pre>{@code
 * Bytes id = DepositIds.of(suite, tx.txId(), 0);
 * }</pre>
 */
public final class DepositIds {
  private static final byte[] TAG =
      "chancery/evidence/deposit/v1\0".getBytes(StandardCharsets.UTF_8);

  private DepositIds() {}

  /** The id of the deposit at {@code index} of transaction {@code txId}. */
  public static Bytes of(CryptoSuite suite, Bytes txId, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("deposit index must not be negative: " + index);
    }
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(TAG);
    in.writeBytes(txId.toArray());
    in.writeBytes(ByteBuffer.allocate(4).putInt(index).array());
    return Bytes.of(suite.hash(in.toByteArray()));
  }
}
