package org.chancery.cli.network;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chancery.cli.network.NodeLauncher.LaunchedNode;
import org.chancery.core.genesis.ConsensusType;

/**
 * What {@code network up} does: starts every node of a network directory that is not already
 * running, and waits until all of them are healthy. If one fails, it stops the nodes it started and
 * leaves those that ran before alone.
 *
 * <p>"Healthy" is {@code GET /health} answering 200. Unless {@code awaitBlocks} is false it also
 * waits for every node's height to grow past the height it first reported healthy, which proves
 * consensus runs, on a consensus that makes blocks without load (BFT commits a heartbeat block when
 * idle). Solo cuts a block only when transactions wait, so on a solo network the check is skipped,
 * with a note if it was asked for, instead of waiting for the timeout.
 *
 * <pre>{@code
 * NetworkStarter starter =
 *     new NetworkStarter(launcher, new PidFiles(), probe, new NodeStopper(Duration.ofSeconds(5)),
 *         Duration.ofMillis(200));
 * UpResult result = starter.up(NetworkDirectory.open(dir), Duration.ofSeconds(60), false,
 *     System.err::println);
 * }</pre>
 */
public final class NetworkStarter {
  /** Lines of a failed node's log shown to the operator. */
  public static final int LOG_TAIL_LINES = 25;

  /**
   * Short: a node that is rolled back has not served anything yet, a SIGTERM that reaches a JVM
   * still starting up can be lost (the JVM has not installed its handler), and SIGKILL is safe at
   * any moment (a node commits each block in one synced batch).
   */
  private static final Duration ROLLBACK_GRACE = Duration.ofSeconds(3);

  private final NodeLauncher launcher;
  private final PidFiles pidFiles;
  private final HealthProbe probe;
  private final NodeStopper stopper;
  private final Duration pollInterval;

  public NetworkStarter(
      NodeLauncher launcher,
      PidFiles pidFiles,
      HealthProbe probe,
      NodeStopper stopper,
      Duration pollInterval) {
    this.launcher = launcher;
    this.pidFiles = pidFiles;
    this.probe = probe;
    this.stopper = stopper;
    this.pollInterval = pollInterval;
  }

  /**
   * How one node stands after {@code up}.
   *
   * @param name node name
   * @param organisation its organisation
   * @param api its API URL
   * @param pid its process id, or null if it was stopped again
   * @param height its height when it was found healthy, or null
   * @param healthy whether it answered {@code /health} with 200
   * @param state {@code started}, {@code already-running}, {@code stopped} (started, then stopped
   *     because another node failed) or {@code failed}
   * @param log its log file
   */
  public record NodeUp(
      String name,
      String organisation,
      String api,
      Long pid,
      Long height,
      boolean healthy,
      String state,
      String log) {}

  /** The outcome of {@code up}. */
  public sealed interface UpResult {
    /** The nodes, in name order. */
    List<NodeUp> nodes();
  }

  /**
   * Every node is running and healthy.
   *
   * @param nodes every node
   * @param blocksAwaited whether the nodes were also seen to make a block
   */
  public record Up(List<NodeUp> nodes, boolean blocksAwaited) implements UpResult {
    /** How many nodes this run started (the others were running already). */
    public long started() {
      return nodes.stream().filter(n -> n.state().equals("started")).count();
    }
  }

  /**
   * A node did not become healthy; the nodes this run started were stopped again.
   *
   * @param node the node that failed
   * @param reason what happened, for the operator
   * @param logTail the last lines of its log from this start
   * @param stopped the nodes this run started and stopped again (the failed one among them if this
   *     run started it)
   * @param nodes every node
   */
  public record Failed(
      NetworkNode node,
      String reason,
      List<String> logTail,
      List<String> stopped,
      List<NodeUp> nodes)
      implements UpResult {
    public Failed {
      logTail = List.copyOf(logTail);
      stopped = List.copyOf(stopped);
      nodes = List.copyOf(nodes);
    }
  }

  private record Target(NetworkNode node, ProcessHandle process, LaunchedNode launched) {}

  /**
   * Starts what is not running and waits.
   *
   * @param notes receives remarks for the operator (stale pid files removed, a skipped check)
   * @throws NetworkRunException if a node's API port already answers though no node started by
   *     {@code up} runs (nothing is started then)
   * @throws IOException if a log or pid file cannot be written or a JVM cannot be started (the
   *     nodes started so far are stopped again)
   * @throws InterruptedException if interrupted (the nodes started so far are stopped again)
   */
  public UpResult up(
      NetworkDirectory net, Duration timeout, Boolean awaitBlocks, Consumer<String> notes)
      throws IOException, InterruptedException {
    List<Target> targets = new ArrayList<>();
    List<NetworkNode> toStart = new ArrayList<>();
    for (NetworkNode node : net.nodes()) {
      switch (pidFiles.inspect(node)) {
        case PidFileState.Live live -> targets.add(new Target(node, live.process(), null));
        case PidFileState.Stale stale -> {
          pidFiles.delete(node);
          notes.accept(
              node.name()
                  + ": removed the stale pid file "
                  + node.pidFile()
                  + ": "
                  + stale.reason());
          toStart.add(node);
        }
        case PidFileState.Absent absent -> toStart.add(node);
      }
    }
    for (NetworkNode node : toStart) {
      NodeHealth answer = probe.probe(node.api());
      if (answer.reachable()) {
        throw new NetworkRunException(
            node.name()
                + ": its API "
                + node.api()
                + " already answers, but no node started by 'chancery network up' runs there"
                + " (no live pid file); stop the process using that port (a node started with"
                + " 'chancery node start'?) and run 'network up' again");
      }
    }
    // Unless told otherwise, wait for blocks wherever the consensus makes them without load.
    boolean checkBlocks =
        !Boolean.FALSE.equals(awaitBlocks) && makesBlocksWithoutLoad(net.consensus());
    if (Boolean.TRUE.equals(awaitBlocks) && !checkBlocks) {
      notes.accept(
          "--await-blocks skipped: "
              + net.consensus().wireName()
              + " consensus cuts a block only when transactions wait");
    }

    List<LaunchedNode> launched = new CopyOnWriteArrayList<>();
    // Ctrl-C while waiting: nodes run in sessions of their own and would not see the signal, so
    // stop what this run started rather than leave a half-started network behind.
    Thread abort = new Thread(() -> rollBackQuietly(launched), "chancery-network-up-abort");
    Runtime.getRuntime().addShutdownHook(abort);
    boolean keep = false;
    try {
      for (NetworkNode node : toStart) {
        LaunchedNode l = launcher.launch(node, pidFiles);
        launched.add(l);
        targets.add(new Target(node, l.process().toHandle(), l));
      }
      targets.sort((a, b) -> NetworkDirectory.compareNatural(a.node().name(), b.node().name()));
      UpResult result = await(targets, timeout, checkBlocks);
      if (result instanceof Failed failed) {
        rollBack(launched);
        return new Failed(
            failed.node(),
            failed.reason(),
            failed.logTail(),
            failed.stopped(),
            failed.nodes().stream()
                .map(n -> failed.stopped().contains(n.name()) ? stoppedAgain(n) : n)
                .toList());
      }
      keep = true;
      return result;
    } finally {
      if (!keep) {
        rollBack(launched);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(abort);
      } catch (IllegalStateException e) {
        // the JVM is shutting down; the hook runs and does the same rollback
      }
    }
  }

  private UpResult await(List<Target> targets, Duration timeout, boolean checkBlocks)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<NetworkNode, NodeHealth> ready = new HashMap<>();
    Map<NetworkNode, NodeHealth> last = new HashMap<>();
    Map<NetworkNode, Long> firstHealthyHeight = new HashMap<>();
    while (true) {
      for (Target t : targets) {
        if (ready.containsKey(t.node())) {
          continue;
        }
        if (!t.process().isAlive()) {
          String why =
              t.launched() != null
                  ? "exited with code " + t.launched().process().exitValue() + " while starting"
                  : "stopped while 'network up' waited for it to become healthy";
          return failed(targets, t, why, ready);
        }
        NodeHealth h = probe.probe(t.node().api());
        last.put(t.node(), h);
        if (!h.healthy()) {
          continue;
        }
        Long first = firstHealthyHeight.putIfAbsent(t.node(), h.height());
        if (!checkBlocks || (first != null && h.height() > first)) {
          ready.put(t.node(), h);
        }
      }
      if (ready.size() == targets.size()) {
        return new Up(reports(targets, ready, null), checkBlocks);
      }
      if (System.nanoTime() - deadline >= 0) {
        Target late = targets.stream().filter(t -> !ready.containsKey(t.node())).findFirst().get();
        NodeHealth h = last.get(late.node());
        String why =
            h != null && h.healthy()
                ? "is healthy at height "
                    + h.height()
                    + " but made no block within "
                    + timeout.toSeconds()
                    + " s (--await-blocks)"
                : "did not become healthy within "
                    + timeout.toSeconds()
                    + " s"
                    + (h != null && h.detail() != null ? " (last answer: " + h.detail() + ")" : "");
        return failed(targets, late, why, ready);
      }
      Thread.sleep(pollInterval);
    }
  }

  private static Failed failed(
      List<Target> targets, Target bad, String why, Map<NetworkNode, NodeHealth> ready) {
    long offset = bad.launched() != null ? bad.launched().logOffset() : 0;
    return new Failed(
        bad.node(),
        bad.node().name() + " " + why,
        LogTail.lastLines(bad.node().log(), offset, LOG_TAIL_LINES),
        targets.stream().filter(t -> t.launched() != null).map(t -> t.node().name()).toList(),
        reports(targets, ready, bad.node()));
  }

  private static List<NodeUp> reports(
      List<Target> targets, Map<NetworkNode, NodeHealth> ready, NetworkNode failedNode) {
    List<NodeUp> out = new ArrayList<>();
    for (Target t : targets) {
      NodeHealth h = ready.get(t.node());
      String state =
          t.node().equals(failedNode)
              ? "failed"
              : t.launched() != null ? "started" : "already-running";
      out.add(
          new NodeUp(
              t.node().name(),
              t.node().organisation(),
              t.node().api().toString(),
              t.process().isAlive() ? t.process().pid() : null,
              h == null ? null : h.height(),
              h != null,
              state,
              t.node().log().toString()));
    }
    return out;
  }

  /** A node this run started, after the rollback: no process; "failed" stays for the culprit. */
  private static NodeUp stoppedAgain(NodeUp n) {
    String state = n.state().equals("failed") ? "failed" : "stopped";
    return new NodeUp(n.name(), n.organisation(), n.api(), null, n.height(), false, state, n.log());
  }

  /** Stops the nodes this run started and removes their pid files; the list is emptied. */
  private void rollBack(List<LaunchedNode> launched) throws IOException, InterruptedException {
    if (launched.isEmpty()) {
      return;
    }
    List<LaunchedNode> toStop = List.copyOf(launched);
    launched.clear();
    Map<ProcessHandle, NodeStopper.Outcome> outcomes =
        stopper.stop(toStop.stream().map(l -> l.process().toHandle()).toList(), ROLLBACK_GRACE);
    for (LaunchedNode l : toStop) {
      if (outcomes.get(l.process().toHandle()) != NodeStopper.Outcome.STILL_RUNNING) {
        pidFiles.delete(l.node());
      }
    }
  }

  private void rollBackQuietly(List<LaunchedNode> launched) {
    try {
      rollBack(launched);
    } catch (IOException | InterruptedException e) {
      // The JVM is exiting; a pid file left behind is recognised as stale by the next command.
    }
  }

  /**
   * Whether a healthy network of this consensus makes blocks with no transactions waiting. BFT:
   * Tendermint decides a block at every height, empty or not. Solo: only when transactions wait.
   */
  static boolean makesBlocksWithoutLoad(ConsensusType consensus) {
    return switch (consensus) {
      case BFT -> true;
      case SOLO -> false;
    };
  }
}
