package org.chancery.node.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The node's metrics in the Prometheus text exposition format: counters (optionally with one
 * label), gauges read at scrape time, and timings as {@code _sum}/{@code _count} pairs.
 * Thread-safe; updates are lock-free.
 *
 * <pre>{@code
 * metrics.increment("chancery_transactions_rejected_total", "code", "bad-signature");
 * metrics.gauge("chancery_block_height", ledger::height);
 * }</pre>
 */
public final class NodeMetrics {
  private final Map<String, String> help = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, LabelledGauge> labelledGauges = new ConcurrentHashMap<>();
  private final Map<String, LongAdder[]> timings = new ConcurrentHashMap<>();

  /** Registers a help text for a metric name. */
  public NodeMetrics describe(String name, String text) {
    help.put(name, text);
    return this;
  }

  /** Adds one to a counter without labels. */
  public void increment(String name) {
    add(name, "", 1);
  }

  /** Adds one to a counter with one label. */
  public void increment(String name, String label, String value) {
    add(name, label + "=\"" + escape(value) + "\"", 1);
  }

  /** Adds {@code n} to a counter without labels. */
  public void add(String name, long n) {
    add(name, "", n);
  }

  private void add(String name, String labels, long n) {
    counters
        .computeIfAbsent(name, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(labels, k -> new LongAdder())
        .add(n);
  }

  /** A gauge read at scrape time. */
  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  /**
   * A family of gauges read at scrape time, one series per value of {@code label}: for example one
   * per peer.
   */
  public void gauges(
      String name, String label, java.util.function.Supplier<Map<String, Long>> values) {
    labelledGauges.put(name, new LabelledGauge(label, values));
  }

  private record LabelledGauge(
      String label, java.util.function.Supplier<Map<String, Long>> values) {}

  /**
   * Records one duration in nanoseconds; exported in seconds as {@code _sum} and {@code _count}.
   */
  public void time(String name, long nanos) {
    LongAdder[] pair =
        timings.computeIfAbsent(name, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
    pair[0].add(nanos);
    pair[1].increment();
  }

  /** The current value of a counter without labels (for tests and status). */
  public long counter(String name) {
    Map<String, LongAdder> series = counters.get(name);
    return series == null ? 0 : series.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Renders every metric in the Prometheus text format, version 0.0.4. */
  public String render() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, LongAdder>> e : new TreeMap<>(counters).entrySet()) {
      header(out, e.getKey(), "counter");
      for (Map.Entry<String, LongAdder> s : new TreeMap<>(e.getValue()).entrySet()) {
        out.append(e.getKey());
        if (!s.getKey().isEmpty()) {
          out.append('{').append(s.getKey()).append('}');
        }
        out.append(' ').append(s.getValue().sum()).append('\n');
      }
    }
    for (Map.Entry<String, LongSupplier> e : new TreeMap<>(gauges).entrySet()) {
      header(out, e.getKey(), "gauge");
      out.append(e.getKey()).append(' ').append(e.getValue().getAsLong()).append('\n');
    }
    for (Map.Entry<String, LabelledGauge> e : new TreeMap<>(labelledGauges).entrySet()) {
      header(out, e.getKey(), "gauge");
      for (Map.Entry<String, Long> v : new TreeMap<>(e.getValue().values().get()).entrySet()) {
        out.append(e.getKey())
            .append('{')
            .append(e.getValue().label())
            .append("=\"")
            .append(escape(v.getKey()))
            .append("\"} ")
            .append(v.getValue())
            .append('\n');
      }
    }
    for (Map.Entry<String, LongAdder[]> e : new TreeMap<>(timings).entrySet()) {
      header(out, e.getKey(), "summary");
      out.append(e.getKey())
          .append("_sum ")
          .append(e.getValue()[0].sum() / 1e9)
          .append('\n')
          .append(e.getKey())
          .append("_count ")
          .append(e.getValue()[1].sum())
          .append('\n');
    }
    processCpu(out);
    return out.toString();
  }

  /**
   * Prometheus' standard {@code process_cpu_seconds_total}: CPU time of the whole node process (all
   * threads, user and system), so that a benchmark on the same machine can report what each
   * transaction cost the node.
   */
  private static void processCpu(StringBuilder out) {
    if (ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        && os.getProcessCpuTime() >= 0) {
      out.append(
              "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n")
          .append("# TYPE process_cpu_seconds_total counter\n")
          .append("process_cpu_seconds_total ")
          .append(os.getProcessCpuTime() / 1e9)
          .append('\n');
    }
  }

  private void header(StringBuilder out, String name, String type) {
    String text = help.get(name);
    if (text != null) {
      out.append("# HELP ").append(name).append(' ').append(text).append('\n');
    }
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
