package org.chancery.node.api;

import java.time.Duration;

/**
 * Bounds on API requests.
 *
 * @param maxBodyBytes largest request body (a JSON envelope is about 4/3 of the transaction)
 * @param maxConcurrentRequests requests served at once; more are answered 503
 * @param maxWait longest {@code ?wait=commit}
 */
public record ApiLimits(int maxBodyBytes, int maxConcurrentRequests, Duration maxWait) {
  /** Limits for a transaction size limit of {@code maxTxBytes}. */
  public static ApiLimits forTransactions(int maxTxBytes) {
    return new ApiLimits(maxTxBytes * 4 / 3 + 4096, 512, Duration.ofSeconds(60));
  }
}
