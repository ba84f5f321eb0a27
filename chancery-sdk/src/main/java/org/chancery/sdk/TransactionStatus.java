package org.chancery.sdk;

import java.util.Locale;

/**
 * Where a transaction stands on the node that was asked.
 *
 * <pre>{@code
 * if (client.transaction(txId, false).status() == TransactionStatus.COMMITTED) { ... }
 * }</pre>
 */
public enum TransactionStatus {
  /** Admitted to the node's mempool, not yet in a block. */
  PENDING,
  /** In a block, executed successfully: its writes are in the state. */
  COMMITTED,
  /** In a block, but execution failed: it wrote nothing; the receipt says why. */
  FAILED;

  /** The API's spelling: {@code pending}, {@code committed} or {@code failed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the API's spelling.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static TransactionStatus fromWireName(String text) {
    for (TransactionStatus s : values()) {
      if (s.wireName().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown transaction status '" + text + "'");
  }
}
