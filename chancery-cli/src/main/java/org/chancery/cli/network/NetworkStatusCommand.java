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
import picocli.CommandLine.Spec;

/**
 * {@code chancery network status --dir DIR}: for each node, whether its process runs, whether it
 * answers {@code /health}, and its height. Reads only: a stale pid file is reported, not removed.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show each node of a network directory: process, health, height, API.",
      "",
      "Exit codes: 0 every node answers /health with 200; 1 some node does not; 2 usage error.",
      "",
      "Examples:",
      "  chancery network status --dir /tmp/net",
      "  chancery network status --dir /tmp/net --json"
    })
public final class NetworkStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NetworkDirOptions target;

  /**
   * One node's status.
   *
   * @param name node name
   * @param organisation its organisation
   * @param api its API URL
   * @param pid the pid of its live process, or null
   * @param running whether its pid file names a live process running this node
   * @param pidFile {@code live}, {@code absent} or {@code stale}
   * @param healthy whether {@code /health} answered 200
   * @param height the height it reported, or null
   * @param detail why it is not healthy, or null
   */
  public record NodeStatus(
      String name,
      String organisation,
      String api,
      Long pid,
      boolean running,
      String pidFile,
      boolean healthy,
      Long height,
      String detail) {}

  @Override
  public Integer call() throws Exception {
    NetworkDirectory net = target.open();
    PidFiles pidFiles = new PidFiles();
    List<NodeStatus> nodes = new ArrayList<>();
    try (HealthProbe probe = new HealthProbe(Duration.ofSeconds(2))) {
      for (NetworkNode node : net.nodes()) {
        PidFileState state = pidFiles.inspect(node);
        Long pid = state instanceof PidFileState.Live live ? live.process().pid() : null;
        String pidFile =
            switch (state) {
              case PidFileState.Live live -> "live";
              case PidFileState.Absent absent -> "absent";
              case PidFileState.Stale stale -> "stale";
            };
        NodeHealth health = probe.probe(node.api());
        String detail = health.detail();
        if (state instanceof PidFileState.Stale stale) {
          detail = (detail == null ? "" : detail + "; ") + "stale pid file: " + stale.reason();
        }
        nodes.add(
            new NodeStatus(
                node.name(),
                node.organisation(),
                node.api().toString(),
                pid,
                pid != null,
                pidFile,
                health.healthy(),
                health.height(),
                detail));
      }
    }
    boolean allHealthy = nodes.stream().allMatch(NodeStatus::healthy);
    PrintWriter out = spec.commandLine().getOut();
    if (target.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("dir", net.root().toString());
      doc.put("chainId", net.chainId());
      doc.put("consensus", net.consensus().wireName());
      doc.put("healthy", allHealthy);
      doc.put("nodes", nodes);
      JsonOutput.print(out, doc);
    } else {
      long healthy = nodes.stream().filter(NodeStatus::healthy).count();
      out.printf(
          "Network %s (%s) in %s: %d of %d nodes healthy.%n",
          net.chainId(), net.consensus().wireName(), net.root(), healthy, nodes.size());
      out.printf(
          "  %-10s %-10s %-26s %-8s %-8s %-7s %s%n",
          "NODE", "ORG", "API", "PID", "HEALTH", "HEIGHT", "DETAIL");
      for (NodeStatus n : nodes) {
        out.printf(
            "  %-10s %-10s %-26s %-8s %-8s %-7s %s%n",
            n.name(),
            n.organisation(),
            n.api(),
            n.pid() == null ? "-" : n.pid(),
            n.healthy() ? "ok" : n.running() ? "failing" : "down",
            n.height() == null ? "-" : n.height(),
            n.detail() == null ? "" : n.detail());
      }
      out.flush();
    }
    return allHealthy ? 0 : ChanceryCli.EXIT_FAILED;
  }
}
