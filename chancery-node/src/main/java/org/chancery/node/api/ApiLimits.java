package org.chancery.node.api;

import java.time.Duration;

/**
 * Bounds on API requests.
 *
 * @param maxBodyBytes largest request body (a JSON envelope is about 4/3 of the transaction)
 * @param maxConcurrentRequests requests served at once; more are answered 503
 * @param maxWait longest {@code ?wait=commit}
 * @param perClientPerSecond sustained requests per second from one client address; 0 for none
 * @param perClientBurst requests one client address may send at once
 * @param maxBatchTransactions most transactions in one {@code POST /v1/transactions:batch}
 * @param maxBatchBodyBytes largest body of a batch request
 */
public record ApiLimits(
    int maxBodyBytes,
    int maxConcurrentRequests,
    Duration maxWait,
    int perClientPerSecond,
    int perClientBurst,
    int maxBatchTransactions,
    int maxBatchBodyBytes) {

  /** Default {@link #maxBatchTransactions}: half a default block. */
  public static final int DEFAULT_MAX_BATCH_TRANSACTIONS = 1000;

  /**
   * Default {@link #maxBatchBodyBytes}: 1,000 typical transactions (about 1 KiB each, 4/3 of that
   * in base64) fit with room to spare, while one request still cannot pin much of the heap.
   */
  public static final int DEFAULT_MAX_BATCH_BODY_BYTES = 8 * 1024 * 1024;

  /** Limits for a transaction size limit of {@code maxTxBytes}, with default batch limits. */
  public static ApiLimits of(
      int maxTxBytes, int maxConcurrent, int perClientPerSecond, int perClientBurst) {
    int maxBody = maxTxBytes * 4 / 3 + 4096;
    return new ApiLimits(
        maxBody,
        maxConcurrent,
        Duration.ofSeconds(60),
        perClientPerSecond,
        perClientBurst,
        DEFAULT_MAX_BATCH_TRANSACTIONS,
        // A batch may always carry at least one transaction of the largest size.
        Math.max(maxBody, DEFAULT_MAX_BATCH_BODY_BYTES));
  }
}
