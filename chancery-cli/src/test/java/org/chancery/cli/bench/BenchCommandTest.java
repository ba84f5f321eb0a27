package org.chancery.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.chancery.cli.ChanceryCli;
import org.chancery.cli.CliRun;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.node.ChanceryNode;
import org.chancery.node.config.NodeConfigCodec;
import org.chancery.node.network.NetworkDescription;
import org.chancery.node.network.NetworkInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code chancery bench} against a real one-node solo network. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchCommandTest {
  @TempDir static Path dir;
  ChanceryNode node;
  String url;
  String identity;

  @BeforeAll
  void start() throws Exception {
    NetworkDescription description =
        NetworkDescription.singleNode(
            "bench-test",
            "sm",
            ConsensusParameters.defaults(ConsensusType.SOLO).withBlocks(50, 2000),
            freePort(),
            freePort());
    new NetworkInitializer(Clock.systemUTC()).initialize(description, null, dir, false, null);
    node =
        ChanceryNode.start(
            NodeConfigCodec.read(dir.resolve("orgs/org1/nodes/node1/node.yaml")),
            Clock.systemUTC());
    url = "http://127.0.0.1:" + node.apiPort();
    identity = dir.resolve("orgs/org1/users/client").toString();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void measuresCommittedThroughputLatencyAndTheRatioToVerificationsInOneRun() {
    CliRun run =
        CliRun.of(
            "bench",
            "--node",
            url,
            "--identity",
            identity,
            "--duration",
            "3",
            "--rate",
            "200",
            "--warmup",
            "0.5",
            "--verify-seconds",
            "1",
            "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode r = run.json();
    assertThat(r.path("suite").asText()).isEqualTo("sm");
    assertThat(r.path("validators").asInt()).isEqualTo(1);
    assertThat(r.path("offeredPerSecond").asDouble()).isEqualTo(200);
    assertThat(r.path("measuredSeconds").asDouble()).isEqualTo(3.0);
    assertThat(r.path("submitted").asLong()).isEqualTo(600);
    assertThat(r.path("accepted").asLong()).isEqualTo(600);
    assertThat(r.path("rejected").size()).isZero();
    assertThat(r.path("committed").asLong()).isEqualTo(600);
    assertThat(r.path("notCommitted").asLong()).isZero();
    // Counted over the 3 s schedule or until the last commit, whichever is longer: never above the
    // offer, and near it unless the machine stalls for seconds.
    assertThat(r.path("committedPerSecond").asLong()).isBetween(60L, 200L);
    JsonNode latency = r.path("latencyMs");
    assertThat(latency.path("p50").asDouble()).isPositive();
    assertThat(latency.path("p99").asDouble())
        .isGreaterThanOrEqualTo(latency.path("p50").asDouble());
    assertThat(latency.path("max").asDouble())
        .isGreaterThanOrEqualTo(latency.path("p99").asDouble());
    assertThat(latency.path("max").asDouble()).isLessThan(10_000);
    long verify = r.path("verifyPerSecond").asLong();
    assertThat(verify).isPositive();
    assertThat(verify)
        .as("the higher of the limits measured before and after the load")
        .isEqualTo(
            Math.max(
                r.path("verifyPerSecondBefore").asLong(), r.path("verifyPerSecondAfter").asLong()));
    assertThat(r.path("ratio").asDouble())
        .isCloseTo(r.path("committedPerSecond").asDouble() / verify, within(0.001));
    // The node runs in this JVM, so both CPU figures are this process's: known and positive.
    JsonNode cpu = r.path("cpu");
    assertThat(cpu.path("committed").asLong()).isPositive();
    assertThat(cpu.path("nodeMicrosPerTx").asDouble()).isPositive();
    assertThat(cpu.path("clientMicrosPerTx").asDouble()).isPositive();
  }

  @Test
  void sendsEachTransactionAloneWithBatchOne() {
    CliRun run =
        CliRun.of(
            "bench",
            "--node",
            url,
            "--identity",
            identity,
            "--transactions",
            "50",
            "--rate",
            "100",
            "--batch",
            "1",
            "--warmup",
            "0",
            "--verify-seconds",
            "0.2",
            "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.json().path("batch").asInt()).isEqualTo(1);
    assertThat(run.json().path("committed").asLong()).isEqualTo(50);
  }

  @Test
  void rejectionsAreCountedByCodeAndNothingCommittedFails() {
    // A node's identity may not submit transactions: every one is rejected as unauthorised. At
    // this rate they are all due at once, so they go in batches.
    CliRun run =
        CliRun.of(
            "bench",
            "--node",
            url,
            "--identity",
            dir.resolve("orgs/org1/nodes/node1/identity").toString(),
            "--transactions",
            "200",
            "--rate",
            "100000",
            "--threads",
            "1",
            "--warmup",
            "0",
            "--verify-seconds",
            "0.2",
            "--drain",
            "1",
            "--json");

    assertThat(run.exit()).isEqualTo(ChanceryCli.EXIT_FAILED);
    assertThat(run.err()).contains("no measured transaction was committed");
    JsonNode r = run.json();
    assertThat(r.path("submitted").asLong()).isEqualTo(200);
    assertThat(r.path("accepted").asLong()).isZero();
    assertThat(r.path("rejected").path("unauthorised").asLong()).isEqualTo(200);
    assertThat(r.path("committed").asLong()).isZero();
  }

  @Test
  void badOptionsAreUsageErrors() {
    for (String[] bad :
        new String[][] {
          {"--batch", "0"},
          {"--batch", "1001"},
          {"--rate", "0"},
          {"--duration", "-1"},
          {"--duration", "3", "--transactions", "10"}
        }) {
      String[] full = new String[5 + bad.length];
      full[0] = "bench";
      full[1] = "--node";
      full[2] = url;
      full[3] = "--identity";
      full[4] = identity;
      System.arraycopy(bad, 0, full, 5, bad.length);
      assertThat(CliRun.of(full).exit())
          .as(String.join(" ", bad))
          .isEqualTo(ChanceryCli.EXIT_USAGE);
    }
  }

  @Test
  void anUnreachableNodeFailsWithAnActionableMessage() throws Exception {
    CliRun run =
        CliRun.of(
            "bench",
            "--node",
            "http://127.0.0.1:" + freePort(),
            "--identity",
            identity,
            "--duration",
            "1");

    assertThat(run.exit()).isEqualTo(ChanceryCli.EXIT_FAILED);
    assertThat(run.err()).contains("cannot reach").contains("is the node running?");
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
