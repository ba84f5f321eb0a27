package org.chancery.core.genesis;

/**
 * Transaction admission limits.
 *
 * @param validityWindowSeconds a transaction is valid only while its timestamp is within this many
 *     seconds of the block time; committed ids inside the window are rejected as replays
 * @param maxTxBytes largest encoded transaction accepted
 */
public record TransactionParameters(long validityWindowSeconds, int maxTxBytes) {

  public static TransactionParameters defaults() {
    return new TransactionParameters(600, 1024 * 1024);
  }
}
