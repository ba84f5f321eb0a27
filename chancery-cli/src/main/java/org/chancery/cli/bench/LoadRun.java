package org.chancery.cli.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One open-loop run against a network: {@code plan.threads()} senders submit the signed
 * transactions at their scheduled times, and a {@link CommitWatcher} records when each is
 * committed.
 *
 * <p>Open loop: a sender never waits for a commit, and a transaction's latency is measured from its
 * <em>scheduled</em> send time, so a node (or client) that falls behind shows up as latency instead
 * of quietly lowering the offered rate (no coordinated omission). A sender sends, in one request,
 * every one of its transactions that is due (up to {@code plan.batch()}): at a low rate that is one
 * transaction at a time; when requests take longer than the gap between transactions, batches grow
 * so the offered rate holds. With {@code batch = 1} a sender has one request in flight, so the
 * offered rate holds only while the node answers faster than {@code threads / rate}; the report's
 * sent rate shows whether it did.
 *
 * <pre>{@code
 * LoadResult r = new LoadRun(client, nodes, plan, load, Duration.ofSeconds(60), poll).run();
 * }</pre>
 */
final class LoadRun {
  private final BenchClient client;
  private final List<URI> nodes;
  private final LoadPlan plan;
  private final SignedLoad load;
  private final Duration drain;
  private final Duration pollInterval;

  /**
   * @param nodes senders spread over these; commits are followed on the first
   * @param drain how long to wait after the last send for accepted transactions to commit
   * @param pollInterval how often the commit watcher asks for the next block
   */
  LoadRun(
      BenchClient client,
      List<URI> nodes,
      LoadPlan plan,
      SignedLoad load,
      Duration drain,
      Duration pollInterval) {
    if (load.size() != plan.total()) {
      throw new IllegalArgumentException(
          "the plan sends " + plan.total() + " transactions, " + load.size() + " are signed");
    }
    this.client = client;
    this.nodes = List.copyOf(nodes);
    this.plan = plan;
    this.load = load;
    this.drain = drain;
    this.pollInterval = pollInterval;
  }

  /**
   * What happened to every transaction of a run, by index: when it was sent, whether it was
   * accepted, when it was seen committed. Times are {@link System#nanoTime()} values.
   *
   * @param startNanos when transaction 0 was due
   * @param sentNanos when each was sent (0 if never)
   * @param outcome null if accepted, otherwise the error code
   * @param commitNanos when each was seen committed (0 if not)
   * @param drained whether every accepted transaction was seen committed before the drain ended
   * @param cpu CPU used from the start of the measurement to the end of the drain
   */
  record LoadResult(
      long startNanos,
      long[] sentNanos,
      String[] outcome,
      long[] commitNanos,
      boolean drained,
      CpuUse cpu) {}

  /**
   * CPU seconds the nodes (summed; NaN if one does not export {@code process_cpu_seconds_total})
   * and this client used between two instants, and how many of the run's transactions were seen
   * committed in between.
   */
  record CpuUse(double nodeSeconds, double clientSeconds, long committed) {}

  /** CPU seconds of the nodes and of this process at one instant. */
  private record CpuSnapshot(long atNanos, double node, double client) {}

  private CpuSnapshot cpuNow() {
    double node = 0;
    for (URI n : nodes) {
      node += client.processCpuSeconds(n);
    }
    double own =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime() / 1e9
            : Double.NaN;
    return new CpuSnapshot(System.nanoTime(), node, own);
  }

  LoadResult run() throws InterruptedException {
    int total = (int) plan.total();
    Map<String, Integer> index = new HashMap<>(total * 2);
    for (int k = 0; k < total; k++) {
      index.put(load.txId(k), k);
    }
    long[] sentNanos = new long[total];
    String[] outcome = new String[total];
    long[] commitNanos = new long[total];
    AtomicLong accepted = new AtomicLong();
    long height = client.status(nodes.get(0)).path("height").asLong();
    try (CommitWatcher watcher =
        new CommitWatcher(client, nodes.get(0), height, index, commitNanos, pollInterval)) {
      watcher.start();
      long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
      List<Thread> senders = new ArrayList<>(plan.threads());
      for (int t = 0; t < plan.threads(); t++) {
        int first = t;
        URI node = nodes.get(t % nodes.size());
        senders.add(
            Thread.ofPlatform()
                .name("bench-sender-" + t)
                .start(() -> send(first, node, start, sentNanos, outcome, accepted)));
      }
      // CPU is counted over the measurement only: warm-up (JIT compilation included) is excluded.
      LockSupport.parkNanos(start + plan.measureStartNanos() - System.nanoTime());
      CpuSnapshot before = cpuNow();
      for (Thread s : senders) {
        s.join();
      }
      boolean drained = watcher.awaitCommitted(accepted.get(), System.nanoTime() + drain.toNanos());
      CpuSnapshot after = cpuNow();
      long committedBetween = 0;
      for (long c : commitNanos) {
        if (c >= before.atNanos() && c <= after.atNanos()) {
          committedBetween++;
        }
      }
      return new LoadResult(
          start,
          sentNanos,
          outcome,
          commitNanos,
          drained,
          new CpuUse(
              after.node() - before.node(), after.client() - before.client(), committedBetween));
    }
  }

  /** One sender: transactions {@code first}, {@code first + threads}, ... at their times. */
  private void send(
      int first, URI node, long start, long[] sentNanos, String[] outcome, AtomicLong accepted) {
    int total = (int) plan.total();
    int step = plan.threads();
    List<Integer> due = new ArrayList<>(plan.batch());
    List<byte[]> batch = new ArrayList<>(plan.batch());
    int k = first;
    while (k < total) {
      long now = System.nanoTime();
      long wait = start + plan.dueNanos(k) - now;
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      due.clear();
      batch.clear();
      while (k < total && due.size() < plan.batch() && start + plan.dueNanos(k) <= now) {
        due.add(k);
        batch.add(load.encoded(k));
        k += step;
      }
      String[] result = client.submit(node, batch);
      int ok = 0;
      for (int i = 0; i < due.size(); i++) {
        int j = due.get(i);
        sentNanos[j] = now;
        outcome[j] = result[i];
        if (result[i] == null) {
          ok++;
        }
      }
      accepted.addAndGet(ok);
    }
  }
}
