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
 */
public record ApiLimits(
    int maxBodyBytes,
    int maxConcurrentRequests,
    Duration maxWait,
    int perClientPerSecond,
    int perClientBurst) {

  /** Limits for a transaction size limit of {@code maxTxBytes}. */
  public static ApiLimits of(
      int maxTxBytes, int maxConcurrent, int perClientPerSecond, int perClientBurst) {
    return new ApiLimits(
        maxTxBytes * 4 / 3 + 4096,
        maxConcurrent,
        Duration.ofSeconds(60),
        perClientPerSecond,
        perClientBurst);
  }
}
