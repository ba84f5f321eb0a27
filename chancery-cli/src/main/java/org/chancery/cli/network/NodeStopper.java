package org.chancery.cli.network;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops node processes the way an operator would: SIGTERM to all of them at once (a node's shutdown
 * hook closes its API, block producer and database cleanly), then, for any still running when the
 * grace period ends, SIGKILL. Nothing is lost either way (a node commits each block in one synced
 * batch), but SIGTERM spares the restart its recovery work.
 *
 * <pre>{@code
 * Map<ProcessHandle, NodeStopper.Outcome> outcomes =
 *     new NodeStopper(Duration.ofSeconds(5)).stop(List.of(process), Duration.ofSeconds(30));
 * }</pre>
 */
public final class NodeStopper {
  private final Duration killWait;

  /**
   * @param killWait how long to wait for a process to disappear after SIGKILL before reporting it
   *     as still running (the kernel needs a moment; a process in uninterruptible I/O longer)
   */
  public NodeStopper(Duration killWait) {
    this.killWait = killWait;
  }

  /** How a process ended. */
  public enum Outcome {
    /** It exited after SIGTERM within the grace period. */
    STOPPED,
    /** It ignored SIGTERM for the grace period and was killed with SIGKILL. */
    KILLED,
    /** It was still there after SIGKILL; its pid file must stay. */
    STILL_RUNNING
  }

  /**
   * Stops {@code processes}, all within one grace period.
   *
   * @param grace how long the processes together get to exit after SIGTERM
   * @return each process's outcome, in the order given
   * @throws InterruptedException if interrupted while waiting
   */
  public Map<ProcessHandle, Outcome> stop(List<ProcessHandle> processes, Duration grace)
      throws InterruptedException {
    for (ProcessHandle p : processes) {
      p.destroy();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    Map<ProcessHandle, Outcome> outcomes = new LinkedHashMap<>();
    for (ProcessHandle p : processes) {
      if (awaitExit(p, Math.max(0, deadline - System.nanoTime()))) {
        outcomes.put(p, Outcome.STOPPED);
      } else {
        p.destroyForcibly();
        outcomes.put(p, awaitExit(p, killWait.toNanos()) ? Outcome.KILLED : Outcome.STILL_RUNNING);
      }
    }
    return outcomes;
  }

  private static boolean awaitExit(ProcessHandle p, long nanos) throws InterruptedException {
    if (!p.isAlive()) {
      return true;
    }
    try {
      p.onExit().get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return !p.isAlive();
    } catch (ExecutionException e) {
      // onExit of a handle only completes normally; treat the impossible as "look again".
      return !p.isAlive();
    }
  }
}
