package org.chancery.node.state;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.chancery.ledger.state.SparseMerkleState;
import org.chancery.node.metrics.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes state-tree nodes that only versions older than the retention window need, on one
 * background thread, in bounded atomic steps; a crash mid-way resumes where it stopped.
 */
public final class StatePruner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatePruner.class);
  private static final int RECORDS_PER_STEP = 10_000;

  private final SparseMerkleState state;
  private final NodeMetrics metrics;
  private final ScheduledExecutorService executor;

  public StatePruner(SparseMerkleState state, NodeMetrics metrics) {
    this.state = state;
    this.metrics = metrics;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "state-pruner");
              t.setDaemon(true);
              t.setPriority(Thread.MIN_PRIORITY);
              return t;
            });
  }

  /** Prunes every {@code periodMillis}, as long as each step finds work. */
  public void start(long periodMillis) {
    executor.scheduleWithFixedDelay(this::prune, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void prune() {
    try {
      int deleted;
      do {
        deleted = state.pruneStep(RECORDS_PER_STEP);
        metrics.add("chancery_state_pruned_records_total", deleted);
      } while (deleted > 0 && !Thread.currentThread().isInterrupted());
    } catch (RuntimeException e) {
      log.warn("state pruning failed; it resumes on the next run: {}", e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
