package org.chancery.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pid file counts only when its process's command line names the node's node.yaml. */
class PidFilesTest {
  @TempDir Path tmp;

  private final PidFiles pidFiles = new PidFiles();

  private NetworkNode node() {
    return new NetworkNode(
        "node1",
        "org1",
        tmp.resolve("orgs/org1/nodes/node1/node.yaml"),
        URI.create("http://127.0.0.1:1"),
        tmp.resolve("run/node1.log"),
        tmp.resolve("run/node1.pid"));
  }

  @Test
  void noPidFileIsAbsent() {
    assertThat(pidFiles.inspect(node())).isInstanceOf(PidFileState.Absent.class);
  }

  @Test
  void aProcessWhoseCommandLineNamesTheConfigIsLive() throws Exception {
    NetworkNode node = node();
    // sh takes the path as its $0, so it appears in the command line as it does after --config.
    Process p = new ProcessBuilder("sh", "-c", "sleep 30", node.config().toString()).start();
    try {
      pidFiles.write(node, p.pid());
      assertThat(Files.readString(node.pidFile())).isEqualTo(p.pid() + "\n");
      assertThat(pidFiles.inspect(node))
          .isInstanceOfSatisfying(
              PidFileState.Live.class, live -> assertThat(live.process().pid()).isEqualTo(p.pid()));
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(pidFiles.inspect(node))
        .isInstanceOfSatisfying(
            PidFileState.Stale.class,
            s -> assertThat(s.reason()).isEqualTo("process " + p.pid() + " is not running"));
  }

  @Test
  void aLiveProcessRunningSomethingElseIsStale() throws Exception {
    NetworkNode node = node();
    pidFiles.write(node, ProcessHandle.current().pid());
    assertThat(pidFiles.inspect(node))
        .isInstanceOfSatisfying(
            PidFileState.Stale.class,
            s -> assertThat(s.reason()).contains("is another program now").contains("not node1"));
  }

  @Test
  void garbageIsStale() throws Exception {
    NetworkNode node = node();
    Files.createDirectories(node.pidFile().getParent());
    Files.writeString(node.pidFile(), "twelve\n");
    assertThat(pidFiles.inspect(node))
        .isInstanceOfSatisfying(
            PidFileState.Stale.class,
            s -> assertThat(s.reason()).isEqualTo("it holds 'twelve', not a process id"));
    pidFiles.delete(node);
    assertThat(node.pidFile()).doesNotExist();
  }
}
