package org.chancery.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.chancery.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network up}, {@code status} and {@code down} against real node processes: each test
 * initialises a solo network with free ports, and every node it starts is gone when it ends.
 */
class NetworkUpDownTest {
  @TempDir Path tmp;

  private RunnableNetwork net;

  @AfterEach
  void nothingOutlivesTheTest() throws Exception {
    if (net != null) {
      CliRun.of("network", "down", "--dir", net.dir.toString(), "--timeout", "5");
      assertThat(net.killLeftovers()).as("node processes left after network down").isZero();
    }
  }

  @Test
  void upStartsTheNodeAndASecondUpChangesNothingAndDownStopsIt() throws Exception {
    net = RunnableNetwork.init(tmp.resolve("net"), 1);
    String dir = net.dir.toString();

    CliRun up = CliRun.of("network", "up", "--dir", dir, "--json", "--timeout", "30");
    assertThat(up.exit()).as(up.err()).isZero();
    JsonNode node = up.json().path("nodes").get(0);
    assertThat(node.path("name").asText()).isEqualTo("node1");
    assertThat(node.path("organisation").asText()).isEqualTo("org1");
    assertThat(node.path("api").asText()).isEqualTo(net.api(1));
    assertThat(node.path("healthy").asBoolean()).isTrue();
    assertThat(node.path("height").asLong()).isZero();
    assertThat(node.path("state").asText()).isEqualTo("started");
    assertThat(up.json().path("consensus").asText()).isEqualTo("solo");
    long pid = node.path("pid").asLong();
    assertThat(net.recordedPid(1)).hasValue(pid);
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    assertThat(process.isAlive()).isTrue();
    assertThat(process.info().commandLine())
        .hasValueSatisfying(c -> c.contains(net.config(1).toString()));
    assertThat(Files.readString(net.log(1))).contains("node started name=node1");

    CliRun tx =
        CliRun.of(
            "tx",
            "submit",
            "--node",
            net.api(1),
            "--identity",
            net.dir.resolve("orgs/org1/users/client").toString(),
            "--contract",
            "kv",
            "--method",
            "put",
            "--args",
            "{\"key\":\"up\",\"value\":1}",
            "--wait",
            "--json");
    assertThat(tx.exit()).as(tx.err()).isZero();
    assertThat(tx.json().path("status").asText()).isEqualTo("committed");

    CliRun again = CliRun.of("network", "up", "--dir", dir);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("already running")
        .contains("nothing started")
        .contains(Long.toString(pid));
    CliRun againJson = CliRun.of("network", "up", "--dir", dir, "--json", "--await-blocks");
    assertThat(againJson.exit()).as(againJson.err()).isZero();
    assertThat(againJson.err())
        .contains(
            "--await-blocks skipped: solo consensus cuts a block only when transactions wait");
    assertThat(againJson.json().path("blocksAwaited").asBoolean()).isFalse();
    assertThat(againJson.json().path("started").asInt()).isZero();
    assertThat(againJson.json().path("alreadyRunning").asInt()).isEqualTo(1);
    assertThat(againJson.json().path("nodes").get(0).path("pid").asLong()).isEqualTo(pid);
    assertThat(againJson.json().path("nodes").get(0).path("state").asText())
        .isEqualTo("already-running");
    assertThat(net.processes()).extracting(ProcessHandle::pid).containsExactly(pid);

    CliRun status = CliRun.of("network", "status", "--dir", dir, "--json");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.json().path("healthy").asBoolean()).isTrue();
    JsonNode s = status.json().path("nodes").get(0);
    assertThat(s.path("pid").asLong()).isEqualTo(pid);
    assertThat(s.path("running").asBoolean()).isTrue();
    assertThat(s.path("pidFile").asText()).isEqualTo("live");
    assertThat(s.path("height").asLong()).as("the committed transaction's block").isEqualTo(1);

    CliRun refused =
        CliRun.of(
            "network", "init", "--config", net.description().toString(), "--out", dir, "--force");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("are running (node1)").contains("network down --dir");
    assertThat(process.isAlive()).isTrue();

    CliRun down = CliRun.of("network", "down", "--dir", dir, "--json");
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(down.json().path("stopped").asInt()).isEqualTo(1);
    assertThat(down.json().path("nodes").get(0).path("result").asText()).isEqualTo("stopped");
    assertThat(process.isAlive()).isFalse();
    assertThat(net.pidFile(1)).doesNotExist();
    assertThat(Files.readString(net.log(1)))
        .as("SIGTERM ran the node's shutdown hook")
        .contains("node stopped name=node1 height=1");

    CliRun downAgain = CliRun.of("network", "down", "--dir", dir);
    assertThat(downAgain.exit()).as(downAgain.err()).isZero();
    assertThat(downAgain.out()).contains("is not running; nothing to stop");

    CliRun stoppedStatus = CliRun.of("network", "status", "--dir", dir, "--json");
    assertThat(stoppedStatus.exit()).isEqualTo(1);
    assertThat(stoppedStatus.json().path("nodes").get(0).path("running").asBoolean()).isFalse();
    assertThat(stoppedStatus.json().path("nodes").get(0).path("healthy").asBoolean()).isFalse();

    CliRun reinit =
        CliRun.of(
            "network", "init", "--config", net.description().toString(), "--out", dir, "--force");
    assertThat(reinit.exit()).as(reinit.err()).isZero();
    assertThat(net.dir.resolve("run")).as("init --force replaces the old logs too").doesNotExist();
  }

  @Test
  void stalePidFilesAreRemovedAndNeverSignalled() throws Exception {
    net = RunnableNetwork.init(tmp.resolve("net"), 2);
    String dir = net.dir.toString();
    Files.createDirectories(net.pidFile(1).getParent());
    // node1's pid file names a live process that is not node1: this test's own JVM.
    long self = ProcessHandle.current().pid();
    Files.writeString(net.pidFile(1), self + "\n");
    // node2's names a process that has exited.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(net.pidFile(2), gone.pid() + "\n");

    CliRun status = CliRun.of("network", "status", "--dir", dir, "--json");
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.json().path("nodes").findValuesAsText("pidFile"))
        .containsExactly("stale", "stale");
    assertThat(net.pidFile(1)).as("status only reads").exists();

    CliRun downStale = CliRun.of("network", "down", "--dir", dir, "--json");
    assertThat(downStale.exit()).as(downStale.err()).isZero();
    assertThat(downStale.json().path("stopped").asInt()).isZero();
    assertThat(downStale.err())
        .contains("node1: removed the stale pid file")
        .contains("another program");
    assertThat(downStale.err())
        .contains("node2: removed the stale pid file")
        .contains("is not running");
    assertThat(net.pidFile(1)).doesNotExist();

    Files.writeString(net.pidFile(1), self + "\n");
    Files.writeString(net.pidFile(2), gone.pid() + "\n");
    CliRun up = CliRun.of("network", "up", "--dir", dir, "--json", "--timeout", "30");
    assertThat(up.exit()).as(up.err()).isZero();
    assertThat(up.err())
        .contains("node1: removed the stale pid file")
        .contains("node2: removed the stale pid file");
    assertThat(up.json().path("started").asInt()).isEqualTo(2);
    assertThat(up.json().path("notes")).hasSize(2);
    List<Long> pids =
        up.json().path("nodes").findValues("pid").stream().map(JsonNode::asLong).toList();
    assertThat(pids).doesNotContain(self, gone.pid());
    assertThat(net.recordedPid(1)).hasValue(pids.get(0));
    assertThat(net.recordedPid(2)).hasValue(pids.get(1));
    assertThat(up.json().path("nodes").findValuesAsText("name")).containsExactly("node1", "node2");
    assertThat(up.json().path("nodes").findValues("healthy")).allMatch(JsonNode::asBoolean);

    CliRun down = CliRun.of("network", "down", "--dir", dir, "--json");
    assertThat(down.exit()).as(down.err()).isZero();
    assertThat(down.json().path("stopped").asInt()).isEqualTo(2);
    assertThat(net.processes()).isEmpty();
  }

  @Test
  void aNodeThatCannotStartFailsUpWithItsLogAndStopsTheOthers() throws Exception {
    net = RunnableNetwork.init(tmp.resolve("net"), 2);
    String dir = net.dir.toString();
    int taken = net.apiPorts.get(1);
    try (ServerSocket blocker = new ServerSocket(taken, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(blocker.isBound()).isTrue();
      long started = System.nanoTime();
      CliRun up = CliRun.of("network", "up", "--dir", dir, "--json", "--timeout", "30");
      assertThat(up.exit()).isEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("a node that exits fails up at once, not at the timeout")
          .isLessThan(Duration.ofSeconds(25));
      assertThat(up.err())
          .contains("error: node2 exited with code 1 while starting")
          .contains("last lines of " + net.log(2))
          .contains("cannot serve the API on 127.0.0.1:" + taken)
          .contains("the nodes this command started are stopped again: node1, node2");
      JsonNode error = up.json().path("error");
      assertThat(error.path("code").asText()).isEqualTo("node-start-failed");
      assertThat(error.path("node").asText()).isEqualTo("node2");
      assertThat(error.path("logTail").toString()).contains("cannot serve the API");
      assertThat(error.path("stopped").toString()).isEqualTo("[\"node1\",\"node2\"]");
      assertThat(up.json().path("nodes").findValues("pid")).allMatch(JsonNode::isNull);
      assertThat(up.json().path("nodes").findValuesAsText("state"))
          .containsExactly("stopped", "failed");
    }
    assertThat(net.processes()).as("node processes after a failed up").isEmpty();
    assertThat(net.pidFile(1)).doesNotExist();
    assertThat(net.pidFile(2)).doesNotExist();
    // node1 was started (and stopped again, perhaps before it finished starting).
    assertThat(Files.readString(net.log(1))).contains("chancery network up: starting node1");

    // With the port free again the same network comes up: the failure left nothing in the way.
    CliRun up = CliRun.of("network", "up", "--dir", dir, "--timeout", "30");
    assertThat(up.exit()).as(up.err()).isZero();
    assertThat(up.out()).contains("2 started");
  }

  @Test
  void upRefusesWhenSomethingElseAnswersOnANodesApiPort() throws Exception {
    net = RunnableNetwork.init(tmp.resolve("net"), 1);
    try (var node1 =
        org.chancery.node.ChanceryNode.start(
            org.chancery.node.config.NodeConfigCodec.read(net.config(1)),
            java.time.Clock.systemUTC())) {
      CliRun up = CliRun.of("network", "up", "--dir", net.dir.toString());
      assertThat(up.exit()).isEqualTo(1);
      assertThat(up.err())
          .contains("node1: its API " + net.api(1) + " already answers")
          .contains("no live pid file");
      assertThat(net.pidFile(1)).doesNotExist();
      assertThat(net.processes()).isEmpty();
      assertThat(node1.ledger().height()).isZero();
    }
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    CliRun missing = CliRun.of("network", "up", "--dir", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--dir: no such directory");
    CliRun notANetwork = CliRun.of("network", "status", "--dir", tmp.toString());
    assertThat(notANetwork.exit()).isEqualTo(2);
    assertThat(notANetwork.err()).contains("is not a network directory").contains("network init");
    net = RunnableNetwork.init(tmp.resolve("net"), 1);
    CliRun badTimeout = CliRun.of("network", "down", "--dir", net.dir.toString(), "--timeout", "0");
    assertThat(badTimeout.exit()).isEqualTo(2);
    assertThat(badTimeout.err()).contains("--timeout must be between 1 and 3600");
  }
}
