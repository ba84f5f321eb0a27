package org.chancery.cli.network;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.chancery.cli.CliRun;

/**
 * A solo network for {@code network up/status/down} tests, written by {@code network init --config}
 * from a description with free ports: node1 (org1) validates, node2..nodeN (one organisation each)
 * follow. {@link #killLeftovers()} is the safety net every test runs last: no node process outlives
 * its test, whatever the test asserted.
 */
final class RunnableNetwork {
  final Path dir;
  final List<Integer> apiPorts;

  private RunnableNetwork(Path dir, List<Integer> apiPorts) {
    this.dir = dir.toAbsolutePath().normalize();
    this.apiPorts = List.copyOf(apiPorts);
  }

  static RunnableNetwork init(Path dir, int nodes) throws IOException {
    return init(dir, nodes, "  type: solo\n  blockIntervalMs: 50\n", 1);
  }

  /**
   * A BFT network of {@code validators} organisations with one validating node each, with short
   * round timeouts so that fault tests see several rounds in a few seconds.
   */
  static RunnableNetwork initBft(Path dir, int validators) throws IOException {
    return init(
        dir,
        validators,
        "  type: bft\n  blockIntervalMs: 50\n  proposeTimeoutMs: 1000\n"
            + "  proposeTimeoutDeltaMs: 250\n  prevoteTimeoutMs: 500\n"
            + "  prevoteTimeoutDeltaMs: 250\n  precommitTimeoutMs: 500\n"
            + "  precommitTimeoutDeltaMs: 250\n",
        validators);
  }

  private static RunnableNetwork init(Path dir, int nodes, String consensus, int validators)
      throws IOException {
    List<Integer> apiPorts = new ArrayList<>();
    StringBuilder yaml =
        new StringBuilder("chainId: ops-test\nsuite: sm\nconsensus:\n")
            .append(consensus)
            .append("organisations:\n");
    for (int i = 1; i <= nodes; i++) {
      int api = freePort();
      apiPorts.add(api);
      yaml.append("  - id: org")
          .append(i)
          .append("\n    name: Organisation ")
          .append(i)
          .append("\n    nodes:\n      - name: node")
          .append(i)
          .append("\n        host: 127.0.0.1\n        p2pPort: ")
          .append(freePort())
          .append("\n        apiPort: ")
          .append(api)
          .append("\n        validator: ")
          .append(i <= validators)
          .append("\n    users:\n      - name: client\n        role: client\n");
    }
    Path description = dir.resolveSibling(dir.getFileName() + "-network.yaml");
    Files.writeString(description, yaml, StandardCharsets.UTF_8);
    CliRun init =
        CliRun.of("network", "init", "--config", description.toString(), "--out", dir.toString());
    if (init.exit() != 0) {
      throw new IllegalStateException("network init failed: " + init.err());
    }
    return new RunnableNetwork(dir.toRealPath(), apiPorts);
  }

  Path description() {
    return dir.resolveSibling(dir.getFileName() + "-network.yaml");
  }

  String api(int node) {
    return "http://127.0.0.1:" + apiPorts.get(node - 1);
  }

  Path config(int node) {
    return dir.resolve("orgs/org" + node + "/nodes/node" + node + "/node.yaml");
  }

  Path pidFile(int node) {
    return dir.resolve("run/node" + node + ".pid");
  }

  Path log(int node) {
    return dir.resolve("run/node" + node + ".log");
  }

  OptionalLong recordedPid(int node) throws IOException {
    Path f = pidFile(node);
    return Files.exists(f)
        ? OptionalLong.of(Long.parseLong(Files.readString(f).strip()))
        : OptionalLong.empty();
  }

  /** Processes whose command line names a file of this network: its nodes, however started. */
  List<ProcessHandle> processes() {
    String marker = dir.toString() + "/";
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .toList();
  }

  /** Kills any node process of this network and returns how many there were. */
  int killLeftovers() throws InterruptedException {
    List<ProcessHandle> left = processes();
    for (ProcessHandle p : left) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : left) {
      try {
        p.onExit()
            .get(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("node process " + p.pid() + " survived SIGKILL", e);
      }
    }
    return left.size();
  }

  /**
   * A port free now and not handed out before in this JVM: the kernel may give a just-closed port
   * again, and two nodes of one network must not share one.
   */
  static synchronized int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
  }

  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();
}
