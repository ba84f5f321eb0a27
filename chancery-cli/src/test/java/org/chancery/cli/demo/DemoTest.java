package org.chancery.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chancery.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chancery demo --once} as a new user runs it: four validator JVMs, the evidence scenario
 * end to end, exit 0 only if every step held; a second run reuses the network directory.
 */
class DemoTest {
  @TempDir Path tmp;

  private Path dir;

  @AfterEach
  void noNodeOutlivesTheTest() throws InterruptedException {
    if (dir == null) {
      return;
    }
    String marker = dir.toString() + "/";
    List<ProcessHandle> left =
        ProcessHandle.allProcesses()
            .filter(p -> p.pid() != ProcessHandle.current().pid())
            .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
            .toList();
    left.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : left) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("node " + p.pid() + " survived SIGKILL", e);
      }
    }
    assertThat(left).as("node processes the demo left running").isEmpty();
  }

  @Test
  void onceRunsTheEvidenceScenarioOnAFourValidatorNetworkAndStopsIt() throws IOException {
    dir = tmp.resolve("demo").toAbsolutePath();
    int base = freeBasePort();

    CliRun first =
        CliRun.of("demo", "--once", "--dir", dir.toString(), "--base-port", Integer.toString(base));

    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.out())
        .contains("Create a network of four organisations")
        .contains("$ chancery evidence deposit")
        .contains("$ chancery verify --genesis")
        .contains("refused, as it must be")
        .contains("Every step held.")
        .doesNotContain("✘");
    try (Stream<Path> files = Files.list(dir.resolve("demo"))) {
      List<Path> written = files.toList();
      Path pdf =
          written.stream().filter(p -> p.toString().endsWith(".pdf")).findFirst().orElseThrow();
      assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes());
      assertThat(written.stream().filter(p -> p.toString().endsWith(".json"))).hasSize(1);
    }

    CliRun second = CliRun.of("demo", "--once", "--dir", dir.toString());

    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out())
        .contains("Reuse the demo network in " + dir)
        .doesNotContain("$ chancery network init")
        .contains("Every step held.");
  }

  @Test
  @SuppressWarnings("try") // the socket only holds the port for the scope of the try
  void aTakenPortFailsWithExitOneAndLeavesNothingRunning() throws IOException {
    dir = tmp.resolve("busy").toAbsolutePath();
    int base = freeBasePort();
    try (ServerSocket taken = new ServerSocket(base + 100, 1, InetAddress.getLoopbackAddress())) {
      CliRun run =
          CliRun.of(
              "demo", "--once", "--dir", dir.toString(), "--base-port", Integer.toString(base));

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains("The demo FAILED at").contains("network up");
      assertThat(run.out() + run.err()).contains(Integer.toString(base + 100));
    }
  }

  /** A base port whose four peer ports and four API ports (base+100..) are free now. */
  private static int freeBasePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (allFree(base) && allFree(base + 100)) {
        return base;
      }
    }
    throw new IOException("no free range of 4 peer and 4 API ports found on 127.0.0.1");
  }

  private static boolean allFree(int first) {
    for (int p = first; p < first + 4; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
