package org.chancery.cli.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows one node's chain block by block and records when each of the benchmark's transactions is
 * first seen in a committed block. It asks for the next height and, when that block does not exist
 * yet, waits {@code pollInterval}: a commit time is therefore late by at most the poll interval
 * plus one request, never early. One request per block, not per transaction, keeps the observer
 * cheap for the node it observes.
 *
 * <pre>{@code
 * try (CommitWatcher watcher = new CommitWatcher(client, node, height, index, commitNanos, poll)) {
 *   watcher.start();
 *   ... send ...
 *   watcher.awaitCommitted(accepted, deadline);
 * }
 * }</pre>
 */
final class CommitWatcher implements AutoCloseable {
  private final BenchClient client;
  private final URI node;
  private final Map<String, Integer> index;
  private final long[] commitNanos;
  private final long pollNanos;
  private final Thread thread;
  private final Object progress = new Object();
  private long nextHeight;
  private long committed;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  /**
   * @param fromHeight the chain's height before the run; watching starts at the next block
   * @param index the benchmark's transactions by id (lowercase hex), read only
   * @param commitNanos filled in with the {@link System#nanoTime()} at which transaction {@code k}
   *     was first seen committed; read it after {@link #close()}
   */
  CommitWatcher(
      BenchClient client,
      URI node,
      long fromHeight,
      Map<String, Integer> index,
      long[] commitNanos,
      Duration pollInterval) {
    this.client = client;
    this.node = node;
    this.index = index;
    this.commitNanos = commitNanos;
    this.pollNanos = pollInterval.toNanos();
    this.nextHeight = fromHeight + 1;
    this.thread = Thread.ofPlatform().name("bench-commit-watcher").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /**
   * Waits until at least {@code count} of the benchmark's transactions were seen committed, or
   * until {@code deadlineNanos} ({@link System#nanoTime()}) passes.
   *
   * @return whether that many were seen
   */
  boolean awaitCommitted(long count, long deadlineNanos) throws InterruptedException {
    synchronized (progress) {
      while (committed < count && failure == null) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return committed >= count;
    }
  }

  private void run() {
    try {
      while (running) {
        Optional<List<String>> ids = client.blockTxIds(node, nextHeight);
        if (ids.isEmpty()) {
          LockSupport.parkNanos(pollNanos);
          continue;
        }
        long seen = System.nanoTime();
        int mine = 0;
        for (String id : ids.get()) {
          Integer k = index.get(id);
          if (k != null && commitNanos[k] == 0) {
            commitNanos[k] = seen;
            mine++;
          }
        }
        synchronized (progress) {
          committed += mine;
          nextHeight++;
          progress.notifyAll();
        }
      }
    } catch (RuntimeException e) {
      failure = e;
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /**
   * Stops watching.
   *
   * @throws BenchException if watching failed (the node went away or answered nonsense)
   */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new BenchException(
          "following the chain on " + node + " failed: " + failure.getMessage(), failure);
    }
  }
}
