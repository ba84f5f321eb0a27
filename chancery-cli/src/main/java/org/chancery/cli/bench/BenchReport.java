package org.chancery.cli.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of {@code chancery bench}, printed as JSON with {@code --json}. Only the measured
 * transactions (after the warm-up) count.
 *
 * <pre>{@code
 * BenchReport report = BenchReport.of(setup, plan, result, new Limit(before, after));
 * report.printText(out);
 * }</pre>
 *
 * @param suite the chain's crypto suite
 * @param nodes the nodes the load went to
 * @param validators the network's validators, as given or read from the node
 * @param cores processors available to the benchmark's JVM (the verification baseline used all)
 * @param offeredPerSecond the scheduled rate
 * @param threads client threads
 * @param batch most transactions per request
 * @param warmupSeconds seconds of load before the measurement
 * @param measuredSeconds seconds of scheduled load measured
 * @param submitted measured transactions sent
 * @param accepted of those, admitted by the node
 * @param rejected the others, by error code
 * @param committed measured transactions seen in committed blocks
 * @param notCommitted accepted but not seen committed before the drain ended
 * @param sentPerSecond the rate the client actually sent at
 * @param committedPerSecond committed transactions per second: {@code committed} over the measured
 *     schedule or until the last of them was committed, whichever is longer
 * @param latencyMs submit-to-commit latency of the committed ones, from their scheduled send time
 * @param verifyPerSecond the suite's signature verifications per second on all cores, this run: the
 *     higher of the measurements before and after the load
 * @param verifyPerSecondBefore measured before the load
 * @param verifyPerSecondAfter measured after the load
 * @param ratio {@code committedPerSecond * validators / verifyPerSecond}
 */
record BenchReport(
    String suite,
    List<String> nodes,
    int validators,
    int cores,
    double offeredPerSecond,
    int threads,
    int batch,
    double warmupSeconds,
    double measuredSeconds,
    long submitted,
    long accepted,
    Map<String, Long> rejected,
    long committed,
    long notCommitted,
    long sentPerSecond,
    long committedPerSecond,
    Latency latencyMs,
    long verifyPerSecond,
    long verifyPerSecondBefore,
    long verifyPerSecondAfter,
    double ratio,
    Cpu cpu) {

  /**
   * Where the machine's CPU went while measuring (from the start of the measurement to the end of
   * the drain), per transaction committed in that time: the nodes' processes (null if a node does
   * not export {@code process_cpu_seconds_total}) and this client.
   *
   * @param nodeSeconds CPU seconds of the nodes, summed
   * @param clientSeconds CPU seconds of this benchmark process
   * @param committed transactions of the run committed in that time
   * @param nodeMicrosPerTx {@code nodeSeconds / committed}, in microseconds
   * @param clientMicrosPerTx {@code clientSeconds / committed}, in microseconds
   */
  record Cpu(
      Double nodeSeconds,
      double clientSeconds,
      long committed,
      Double nodeMicrosPerTx,
      double clientMicrosPerTx) {}

  /**
   * Latency percentiles in milliseconds (nearest rank), 0 when nothing was committed.
   *
   * @param p50 median
   * @param p99 99th percentile
   * @param max the slowest
   */
  record Latency(double p50, double p99, double max) {}

  /** The machine's limit measured before and after the load. */
  record Limit(double before, double after) {
    double value() {
      return Math.max(before, after);
    }
  }

  /** What the run was given besides its plan. */
  record Setup(String suite, List<String> nodes, int validators, int cores) {}

  static BenchReport of(Setup setup, LoadPlan plan, LoadRun.LoadResult r, Limit limit) {
    double verifyPerSecond = limit.value();
    int from = (int) plan.warmupTransactions();
    int total = (int) plan.total();
    long measureStart = r.startNanos() + plan.measureStartNanos();
    long submitted = 0;
    long accepted = 0;
    long committed = 0;
    long lastSent = measureStart;
    long lastCommit = measureStart;
    Map<String, Long> rejected = new TreeMap<>();
    long[] latencies = new long[total - from];
    for (int k = from; k < total; k++) {
      if (r.sentNanos()[k] != 0) {
        submitted++;
        lastSent = Math.max(lastSent, r.sentNanos()[k]);
        if (r.outcome()[k] == null) {
          accepted++;
        } else {
          rejected.merge(r.outcome()[k], 1L, Long::sum);
        }
      }
      if (r.commitNanos()[k] != 0) {
        latencies[(int) committed++] = r.commitNanos()[k] - (r.startNanos() + plan.dueNanos(k));
        lastCommit = Math.max(lastCommit, r.commitNanos()[k]);
      }
    }
    long[] sorted = Arrays.copyOf(latencies, (int) committed);
    Arrays.sort(sorted);
    long span = plan.measuredNanos();
    double committedPerSecond = committed / (Math.max(span, lastCommit - measureStart) / 1e9);
    double sentPerSecond = submitted / (Math.max(span, lastSent - measureStart) / 1e9);
    return new BenchReport(
        setup.suite(),
        setup.nodes(),
        setup.validators(),
        setup.cores(),
        plan.rate(),
        plan.threads(),
        plan.batch(),
        round(plan.measureStartNanos() / 1e9, 2),
        round(span / 1e9, 2),
        submitted,
        accepted,
        rejected,
        committed,
        Math.max(0, accepted - committed),
        Math.round(sentPerSecond),
        Math.round(committedPerSecond),
        new Latency(millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 1.0)),
        Math.round(verifyPerSecond),
        Math.round(limit.before()),
        Math.round(limit.after()),
        round(committedPerSecond * setup.validators() / verifyPerSecond, 3),
        cpu(r.cpu()));
  }

  private static Cpu cpu(LoadRun.CpuUse use) {
    long n = Math.max(1, use.committed());
    boolean nodeKnown = !Double.isNaN(use.nodeSeconds());
    return new Cpu(
        nodeKnown ? round(use.nodeSeconds(), 2) : null,
        round(use.clientSeconds(), 2),
        use.committed(),
        nodeKnown ? round(use.nodeSeconds() * 1e6 / n, 1) : null,
        round(use.clientSeconds() * 1e6 / n, 1));
  }

  /** The human form. */
  void printText(PrintWriter out) {
    out.printf(
        "offered      %,.0f tx/s from %d threads (batches of up to %d) to %s%n",
        offeredPerSecond, threads, batch, String.join(", ", nodes));
    out.printf(
        "measured     %.1f s after %.1f s of warm-up; sent at %,d tx/s%n",
        measuredSeconds, warmupSeconds, sentPerSecond);
    out.printf("submitted    %,d%n", submitted);
    out.printf("accepted     %,d%n", accepted);
    out.printf(
        "rejected     %,d%s%n",
        submitted - accepted,
        rejected.isEmpty() ? "" : " " + rejected.toString().replace("=", ": "));
    out.printf(
        "committed    %,d%s%n",
        committed,
        notCommitted > 0 ? " (" + notCommitted + " accepted but not seen committed)" : "");
    out.printf("throughput   %,d committed tx/s%n", committedPerSecond);
    out.printf(
        "latency      p50 %.1f ms, p99 %.1f ms, max %.1f ms (submit to commit)%n",
        latencyMs.p50(), latencyMs.p99(), latencyMs.max());
    out.printf(
        "limit        %,d %s verify/s on %d cores (same run: %,d before, %,d after the load)%n",
        verifyPerSecond, suite, cores, verifyPerSecondBefore, verifyPerSecondAfter);
    out.printf(
        "ratio        %.3f = %,d tx/s x %d validator%s / %,d verify/s%n",
        ratio, committedPerSecond, validators, validators == 1 ? "" : "s", verifyPerSecond);
    out.printf(
        "cpu          node %s, client %.1f us per committed tx while measuring%n",
        cpu.nodeMicrosPerTx() == null ? "unknown" : String.format("%.1f us", cpu.nodeMicrosPerTx()),
        cpu.clientMicrosPerTx());
    out.flush();
  }

  private static double millis(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sortedNanos.length) - 1;
    return round(sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6, 1);
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
