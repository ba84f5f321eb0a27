package org.chancery.cli.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

/** deposit → find → certificate → verify against a real solo node over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceCliAgainstRealNodeTest {
  /**
   * SM3 of 2^30 + 1 zero bytes, by OpenSSL ({@code truncate -s 1073741825 f; openssl dgst -sm3 f}).
   */
  private static final String SM3_OF_ONE_GIB_AND_ONE_ZERO_BYTES =
      "b88eceddc24c8493114613d7dae40372ae7f35ad0477c4f32e1da8889ce2c776";

  @TempDir static Path dir;
  ChanceryNode node;
  String url;
  String client;

  @BeforeAll
  void start() throws Exception {
    NetworkDescription description =
        NetworkDescription.singleNode(
            "evidence-cli",
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
    client = dir.resolve("orgs/org1/users/client").toString();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void depositFindCertificateAndVerifyOffline() throws Exception {
    Path file = Files.writeString(dir.resolve("lease.pdf"), "%PDF-1.7 lease of flat 3B\n");
    CliRun deposit =
        CliRun.of(
            "evidence",
            "deposit",
            "--node",
            url,
            "--identity",
            client,
            "--file",
            file.toString(),
            "--label",
            "signed lease",
            "--metadata",
            "{\"case\":\"2026-017\"}",
            "--wait",
            "--json");
    assertThat(deposit.exit()).as(deposit.err()).isZero();
    String id = deposit.json().get("depositId").asText();
    assertThat(deposit.json().get("status").asText()).isEqualTo("committed");
    assertThat(deposit.json().get("height").asLong()).isPositive();

    CliRun find = CliRun.of("evidence", "find", "--node", url, "--file", file.toString());
    assertThat(find.exit()).as(find.err()).isZero();
    assertThat(find.out()).contains("earliest deposit (proves prior existence): " + id);

    CliRun get = CliRun.of("evidence", "get", "--node", url, id, "--json");
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.json().get("label").asText()).isEqualTo("signed lease");

    CliRun chain = CliRun.of("evidence", "chain", "--node", url, id, "--json");
    assertThat(chain.exit()).as(chain.err()).isZero();
    assertThat(chain.json().at("/stages/0/depositId").asText()).isEqualTo(id);

    Path cert = dir.resolve("cert.json");
    CliRun certificate =
        CliRun.of(
            "evidence", "certificate", "--node", url, "--deposit", id, "--out", cert.toString());
    assertThat(certificate.exit()).as(certificate.err()).isZero();

    String genesis = dir.resolve("genesis.json").toString();
    CliRun verify =
        CliRun.of("verify", "--genesis", genesis, cert.toString(), "--file", file.toString());
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("VERIFIED").contains("signed by      node1 (1 of 1)");

    Files.writeString(file, "%PDF-1.7 lease of flat 3C\n");
    CliRun changed =
        CliRun.of("verify", "--genesis", genesis, cert.toString(), "--file", file.toString());
    assertThat(changed.exit()).isEqualTo(1);
    assertThat(changed.out()).contains("FAILED at step file-digest");
  }

  @Test
  void anUnknownDepositIsTheNodesProblem() {
    CliRun get = CliRun.of("evidence", "get", "--node", url, "ab".repeat(32), "--json");
    assertThat(get.exit()).isEqualTo(1);
    JsonNode error = get.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("unknown-deposit");
  }

  @Test
  void aFileOverOneGibibyteIsDepositedByItsDigestAlone() throws Exception {
    Path big = dir.resolve("video.bin");
    try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
      raf.setLength((1L << 30) + 1);
    }
    CliRun deposit =
        CliRun.of(
            "evidence",
            "deposit",
            "--node",
            url,
            "--identity",
            client,
            "--file",
            big.toString(),
            "--wait",
            "--json");
    assertThat(deposit.exit()).as(deposit.err()).isZero();
    assertThat(deposit.json().get("digest").asText()).isEqualTo(SM3_OF_ONE_GIB_AND_ONE_ZERO_BYTES);
    assertThat(deposit.json().get("size").asLong()).isEqualTo((1L << 30) + 1);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
