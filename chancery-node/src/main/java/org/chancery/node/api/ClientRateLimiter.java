package org.chancery.node.api;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address: {@code perSecond} requests a second sustained, bursts up to
 * {@code burst}. Remembers a bounded number of addresses (least recently seen are forgotten, which
 * only ever gives a forgotten client a fresh bucket). Thread-safe.
 */
final class ClientRateLimiter {
  private static final int MAX_CLIENTS = 10_000;

  private final double perNano;
  private final double burst;
  private final boolean unlimited;
  private final Map<InetAddress, double[]> buckets =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  ClientRateLimiter(int perSecond, int burst) {
    this.unlimited = perSecond <= 0;
    this.perNano = perSecond / 1e9;
    this.burst = Math.max(1, burst);
  }

  /** Takes one token for {@code client}; false if its bucket is empty. */
  boolean tryAcquire(InetAddress client, long nowNanos) {
    if (unlimited) {
      return true;
    }
    synchronized (buckets) {
      // bucket: [tokens, last refill time]
      double[] b = buckets.computeIfAbsent(client, k -> new double[] {burst, nowNanos});
      b[0] = Math.min(burst, b[0] + (nowNanos - b[1]) * perNano);
      b[1] = nowNanos;
      if (b[0] < 1) {
        return false;
      }
      b[0] -= 1;
      return true;
    }
  }

  /** Seconds until {@code client} has a token again, at least 1, for Retry-After. */
  long retryAfterSeconds() {
    return unlimited ? 0 : Math.max(1, (long) Math.ceil(1 / (perNano * 1e9)));
  }
}
