package org.chancery.cli.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import org.chancery.cli.ChanceryCli;
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

/** The transaction, block and state commands against a real solo node over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAgainstRealNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  ChanceryNode node;
  String url;

  private record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private static Run chancery(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ChanceryCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  void start() throws Exception {
    NetworkDescription description =
        NetworkDescription.singleNode(
            "cli-test",
            "sm",
            ConsensusParameters.defaults(ConsensusType.SOLO).withBlocks(20, 2000),
            freePort(),
            freePort());
    new NetworkInitializer(Clock.systemUTC()).initialize(description, null, dir, false, null);
    node =
        ChanceryNode.start(
            NodeConfigCodec.read(dir.resolve("orgs/org1/nodes/node1/node.yaml")),
            Clock.systemUTC());
    url = "http://127.0.0.1:" + node.apiPort();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private Run submit(String contract, String method, String args) {
    return chancery(
        "tx",
        "submit",
        "--node",
        url,
        "--identity",
        dir.resolve("orgs/org1/users/client").toString(),
        "--contract",
        contract,
        "--method",
        method,
        "--args",
        args,
        "--wait",
        "--json");
  }

  @Test
  void submitThenReadBackWithAProofVerifiedOffline() throws Exception {
    Run submitted = submit("kv", "put", "{\"key\":\"deed/7\",\"value\":{\"area\":88}}");
    assertThat(submitted.exit()).as(submitted.err()).isZero();
    String txId = submitted.json().path("txId").asText();
    assertThat(submitted.json().path("status").asText()).isEqualTo("committed");

    Run got =
        chancery(
            "tx",
            "get",
            "--node",
            url,
            txId,
            "--verify-with",
            dir.resolve("genesis.json").toString(),
            "--json");
    assertThat(got.exit()).as(got.err()).isZero();
    assertThat(got.out()).contains(txId);

    Run block = chancery("block", "get", "--node", url, "latest", "--json");
    assertThat(block.exit()).as(block.err()).isZero();
    assertThat(block.json().path("height").asLong()).isPositive();

    Run state = chancery("state", "get", "--node", url, "kv", "deed/7", "--json");
    assertThat(state.exit()).as(state.err()).isZero();
    assertThat(state.out()).contains("\"area\"");
  }

  @Test
  void stateProofsVerifyOfflineForPresenceAbsenceAndHistory() throws Exception {
    Run first = submit("kv", "put", "{\"key\":\"licence/9\",\"value\":\"v1\"}");
    long h1 = first.json().path("height").asLong();
    submit("kv", "put", "{\"key\":\"licence/9\",\"value\":\"v2\"}");
    String genesis = dir.resolve("genesis.json").toString();

    Run latest =
        chancery(
            "state", "get", "--node", url, "kv", "licence/9", "--verify-with", genesis, "--json");
    assertThat(latest.exit()).as(latest.err()).isZero();
    assertThat(latest.json().path("verification").path("verified").asBoolean()).isTrue();
    assertThat(
            new String(java.util.Base64.getDecoder().decode(latest.json().path("value").asText())))
        .contains("\"v2\"");

    Run old =
        chancery(
            "state",
            "get",
            "--node",
            url,
            "kv",
            "licence/9",
            "--height",
            Long.toString(h1),
            "--verify-with",
            genesis,
            "--json");
    assertThat(old.exit()).as(old.err()).isZero();
    assertThat(new String(java.util.Base64.getDecoder().decode(old.json().path("value").asText())))
        .contains("\"v1\"");

    Run absent =
        chancery("state", "get", "--node", url, "kv", "licence/none", "--verify-with", genesis);
    assertThat(absent.exit()).as(absent.err()).isZero();
    assertThat(absent.out()).contains("absent").contains("Verified offline");

    assertThat(chancery("state", "get", "--node", url, "kv", "x", "--height", "0").exit())
        .isEqualTo(2);
  }

  @Test
  void aFailedContractCallExitsOne() {
    Run r = submit("kv", "delete", "{\"key\":\"absent\"}");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out() + r.err()).contains("not-found");
  }

  @Test
  void aRejectedTransactionExitsOneWithTheProblemCode() {
    Run r = submit("lottery", "draw", "{}");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out() + r.err()).contains("unknown-contract");
  }

  @Test
  void unknownTransactionAndKeyExitOne() {
    assertThat(chancery("tx", "get", "--node", url, "ab".repeat(32)).exit()).isEqualTo(1);
    assertThat(chancery("state", "get", "--node", url, "kv", "nothing").exit()).isEqualTo(1);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
