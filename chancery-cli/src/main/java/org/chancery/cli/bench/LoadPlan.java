package org.chancery.cli.bench;

/**
 * The open-loop schedule of a benchmark: transaction {@code k} is due {@code k / rate} seconds
 * after the start, whatever happened to the ones before it. The first {@code warmupTransactions}
 * warm the node and the client up and are not measured.
 *
 * <pre>{@code
 * LoadPlan plan = new LoadPlan(2000, 4, 500, 10_000, 60_000); // 5 s warm-up, 30 s measured
 * long due = plan.dueNanos(12_345); // 6.17 s after the start
 * }</pre>
 *
 * @param rate transactions per second offered
 * @param threads client threads; thread {@code t} sends transactions {@code t, t + threads, ...}
 * @param batch most transactions in one request; 1 uses {@code POST /v1/transactions}, more {@code
 *     POST /v1/transactions:batch}
 * @param warmupTransactions how many of the first transactions are not measured
 * @param measuredTransactions how many are measured after them
 */
record LoadPlan(
    double rate, int threads, int batch, long warmupTransactions, long measuredTransactions) {

  LoadPlan {
    if (!(rate > 0) || threads < 1 || batch < 1 || warmupTransactions < 0) {
      throw new IllegalArgumentException("rate, threads and batch must be positive");
    }
    if (measuredTransactions < 1) {
      throw new IllegalArgumentException("at least one transaction must be measured");
    }
  }

  /** Every transaction the run sends. */
  long total() {
    return warmupTransactions + measuredTransactions;
  }

  /** Nanoseconds after the start at which transaction {@code k} is due. */
  long dueNanos(long k) {
    return (long) (k * 1e9 / rate);
  }

  /** Whether transaction {@code k} is measured (not warm-up). */
  boolean measured(long k) {
    return k >= warmupTransactions;
  }

  /** When the measured part starts, in nanoseconds after the start. */
  long measureStartNanos() {
    return dueNanos(warmupTransactions);
  }

  /** How long the measured part of the schedule lasts, in nanoseconds. */
  long measuredNanos() {
    return dueNanos(total()) - measureStartNanos();
  }
}
