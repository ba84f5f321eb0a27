package org.chancery.cli.network;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chancery.cli.ChanceryCli;
import org.chancery.cli.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chancery network down --dir DIR}: stops the nodes {@code network up} started, SIGTERM
 * first and SIGKILL after the timeout, and removes their pid files. Idempotent: on a stopped
 * network it says so and exits 0.
 */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the nodes 'network up' started: SIGTERM, then SIGKILL after --timeout; remove their"
          + " pid files (logs stay in DIR/run).",
      "Only processes whose command line names the node's node.yaml are signalled; stale pid"
          + " files are removed.",
      "",
      "Exit codes: 0 no node of DIR runs any more (also when none ran); 1 a node survived"
          + " SIGKILL; 2 usage error.",
      "",
      "Examples:",
      "  chancery network down --dir /tmp/net",
      "  chancery network down --dir /tmp/net --timeout 60 --json"
    })
public final class NetworkDownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NetworkDirOptions target;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "How long the nodes get to exit after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /**
   * What {@code down} did to one node.
   *
   * @param name node name
   * @param organisation its organisation
   * @param pid the pid it had, or null if it was not running
   * @param result {@code stopped} (exited after SIGTERM), {@code killed} (SIGKILL after the
   *     timeout), {@code not-running}, or {@code still-running} (survived SIGKILL)
   */
  public record NodeDown(String name, String organisation, Long pid, String result) {}

  @Override
  @SuppressWarnings("try") // the run lock is held for the scope of its try, never referenced
  public Integer call() throws Exception {
    Duration timeout = target.seconds("--timeout", timeoutSeconds);
    NetworkDirectory net = target.open();
    PidFiles pidFiles = new PidFiles();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> notes = new ArrayList<>();
    Map<NetworkNode, ProcessHandle> running = new LinkedHashMap<>();
    Map<NetworkNode, String> results = new LinkedHashMap<>();
    try (RunLock lock = RunLock.acquire(net.layout())) {
      for (NetworkNode node : net.nodes()) {
        switch (pidFiles.inspect(node)) {
          case PidFileState.Live live -> running.put(node, live.process());
          case PidFileState.Stale stale -> {
            pidFiles.delete(node);
            notes.add(
                node.name()
                    + ": removed the stale pid file "
                    + node.pidFile()
                    + ": "
                    + stale.reason());
            results.put(node, "not-running");
          }
          case PidFileState.Absent absent -> results.put(node, "not-running");
        }
      }
      Map<ProcessHandle, NodeStopper.Outcome> outcomes =
          new NodeStopper(Duration.ofSeconds(10)).stop(List.copyOf(running.values()), timeout);
      for (Map.Entry<NetworkNode, ProcessHandle> e : running.entrySet()) {
        NodeStopper.Outcome outcome = outcomes.get(e.getValue());
        if (outcome != NodeStopper.Outcome.STILL_RUNNING) {
          pidFiles.delete(e.getKey());
        }
        results.put(
            e.getKey(),
            switch (outcome) {
              case STOPPED -> "stopped";
              case KILLED -> "killed";
              case STILL_RUNNING -> "still-running";
            });
      }
    }
    List<NodeDown> nodes = new ArrayList<>();
    for (NetworkNode node : net.nodes()) {
      ProcessHandle p = running.get(node);
      nodes.add(
          new NodeDown(
              node.name(), node.organisation(), p == null ? null : p.pid(), results.get(node)));
    }
    for (String note : notes) {
      err.println("note: " + note);
    }
    List<String> survivors =
        nodes.stream().filter(n -> n.result().equals("still-running")).map(NodeDown::name).toList();
    if (!survivors.isEmpty()) {
      err.println(
          "error: "
              + String.join(", ", survivors)
              + " still running after SIGKILL; their pid files are kept. Check the processes"
              + " (ps -p PID) and run 'network down' again.");
    }
    err.flush();
    if (target.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("dir", net.root().toString());
      doc.put("chainId", net.chainId());
      doc.put("stopped", running.size() - survivors.size());
      doc.put("nodes", nodes);
      doc.put("notes", notes);
      JsonOutput.print(out, doc);
    } else if (running.isEmpty()) {
      out.printf("Network %s in %s is not running; nothing to stop.%n", net.chainId(), net.root());
    } else {
      out.printf(
          "Network %s in %s: stopped %d of %d nodes.%n",
          net.chainId(), net.root(), running.size() - survivors.size(), net.nodes().size());
      for (NodeDown n : nodes) {
        out.printf(
            "  %-10s %-10s %-8s %s%n",
            n.name(), n.organisation(), n.pid() == null ? "-" : n.pid(), n.result());
      }
      out.printf("Logs stay in %s%n", net.layout().run());
    }
    out.flush();
    return survivors.isEmpty() ? 0 : ChanceryCli.EXIT_FAILED;
  }
}
