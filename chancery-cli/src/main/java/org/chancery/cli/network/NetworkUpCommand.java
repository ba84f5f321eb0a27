package org.chancery.cli.network;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chancery.cli.ChanceryCli;
import org.chancery.cli.JsonOutput;
import org.chancery.cli.network.NetworkStarter.Failed;
import org.chancery.cli.network.NetworkStarter.NodeUp;
import org.chancery.cli.network.NetworkStarter.Up;
import org.chancery.cli.network.NetworkStarter.UpResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chancery network up --dir DIR}: starts every node of a network directory in the background
 * and waits until all answer {@code /health}. Idempotent: nodes already running are left alone, so
 * a second {@code up} changes nothing and exits 0.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start every node of a network directory in the background and wait until all are healthy.",
      "Each node runs 'chancery node start' in its own JVM; its output goes to DIR/run/NODE.log"
          + " and its pid to DIR/run/NODE.pid. Nodes already running are left alone.",
      "If a node does not become healthy in time, the tail of its log is printed and the nodes"
          + " this command started are stopped again.",
      "",
      "Exit codes: 0 every node is running and healthy (also when all already were);"
          + " 1 a node failed to start or become healthy; 2 usage error.",
      "",
      "Examples:",
      "  chancery network up --dir /tmp/net",
      "  chancery network up --dir /tmp/net --json --timeout 120"
    })
public final class NetworkUpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NetworkDirOptions target;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long to wait for every node to become healthy (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--await-blocks",
      negatable = true,
      description =
          "Also wait until every node's height grows, proving consensus runs. The default on"
              + " bft networks, which commit a heartbeat block every 5 s when idle;"
              + " --no-await-blocks waits for health only. Solo networks cut blocks only when"
              + " transactions wait, so there it is skipped (with a note if asked for).")
  Boolean awaitBlocks;

  @Override
  @SuppressWarnings("try") // the run lock is held for the scope of its try, never referenced
  public Integer call() throws Exception {
    Duration timeout = target.seconds("--timeout", timeoutSeconds);
    NetworkDirectory net = target.open();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> notes = new ArrayList<>();
    UpResult result;
    try (RunLock lock = RunLock.acquire(net.layout());
        HealthProbe probe = new HealthProbe(Duration.ofSeconds(2))) {
      NetworkStarter starter =
          new NetworkStarter(
              NodeLauncher.forThisJvm(System.getenv(), Clock.systemUTC()),
              new PidFiles(),
              probe,
              new NodeStopper(Duration.ofSeconds(5)),
              Duration.ofMillis(200));
      result =
          starter.up(
              net,
              timeout,
              awaitBlocks,
              note -> {
                notes.add(note);
                err.println("note: " + note);
                err.flush();
              });
    }
    return switch (result) {
      case Up up -> {
        if (target.json()) {
          Map<String, Object> doc = header(net);
          doc.put("started", up.started());
          doc.put("alreadyRunning", up.nodes().size() - up.started());
          doc.put("blocksAwaited", up.blocksAwaited());
          doc.put("nodes", up.nodes());
          doc.put("notes", notes);
          JsonOutput.print(out, doc);
        } else {
          printUp(out, net, up);
        }
        yield 0;
      }
      case Failed failed -> {
        err.println("error: " + failed.reason());
        if (failed.logTail().isEmpty()) {
          err.println("(its log " + failed.node().log() + " is empty)");
        } else {
          err.println("last lines of " + failed.node().log() + ":");
          failed.logTail().forEach(line -> err.println("  | " + line));
        }
        List<String> stopped = failed.stopped();
        err.println(
            stopped.isEmpty()
                ? "no node was started by this command, so none was stopped"
                : "the nodes this command started are stopped again: "
                    + String.join(", ", stopped));
        err.flush();
        if (target.json()) {
          Map<String, Object> doc = header(net);
          Map<String, Object> error = new LinkedHashMap<>();
          error.put("code", "node-start-failed");
          error.put("node", failed.node().name());
          error.put("detail", failed.reason());
          error.put("log", failed.node().log().toString());
          error.put("logTail", failed.logTail());
          error.put("stopped", failed.stopped());
          doc.put("error", error);
          doc.put("nodes", failed.nodes());
          doc.put("notes", notes);
          JsonOutput.print(out, doc);
        }
        yield ChanceryCli.EXIT_FAILED;
      }
    };
  }

  private static Map<String, Object> header(NetworkDirectory net) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dir", net.root().toString());
    doc.put("chainId", net.chainId());
    doc.put("consensus", net.consensus().wireName());
    return doc;
  }

  private static void printUp(PrintWriter out, NetworkDirectory net, Up up) {
    long started = up.started();
    if (started == 0) {
      out.printf(
          "Network %s in %s is already running (%s); nothing started.%n",
          net.chainId(),
          net.root(),
          up.nodes().size() == 1 ? "1 node" : up.nodes().size() + " nodes");
    } else {
      out.printf(
          "Network %s (%s) in %s is up: %d started, %d already running.%n",
          net.chainId(),
          net.consensus().wireName(),
          net.root(),
          started,
          up.nodes().size() - started);
    }
    out.printf(
        "  %-10s %-10s %-26s %-8s %-7s %s%n", "NODE", "ORG", "API", "PID", "HEIGHT", "STATE");
    for (NodeUp n : up.nodes()) {
      out.printf(
          "  %-10s %-10s %-26s %-8d %-7d %s%n",
          n.name(), n.organisation(), n.api(), n.pid(), n.height(), n.state());
    }
    out.printf("Logs and pid files: %s%n", net.layout().run());
    out.printf("Status: chancery network status --dir %s%n", net.root());
    out.printf("Stop:   chancery network down --dir %s%n", net.root());
    out.flush();
  }
}
