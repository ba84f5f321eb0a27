package org.chancery.node.bft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.tx.Transaction;
import org.chancery.node.ChanceryNode;
import org.chancery.node.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four validators in one JVM deciding blocks with the real engine, ledger, WAL and signatures. */
class BftNetworkTest {
  private final LocalHub hub = new LocalHub();
  private final List<ChanceryNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(ChanceryNode::close);
    hub.close();
  }

  private ChanceryNode start(TestNetwork net, int i) throws Exception {
    ChanceryNode node = ChanceryNode.start(net.nodeConfig(i), Clock.systemUTC(), hub.factory());
    nodes.add(node);
    return node;
  }

  static void awaitHeight(ChanceryNode node, long height) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (node.ledger().height() < height && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(node.ledger().height())
        .as("height of %s", node.config().nodeName())
        .isGreaterThanOrEqualTo(height);
  }

  @Test
  void fourValidatorsCommitTheSameBlocksWithQuorumCertificates(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.createBft(dir, 4, TestNetwork.fastBft());
    for (int i = 1; i <= 4; i++) {
      start(net, i);
    }
    TestNetwork.Signer client = net.signer("org1", "users/client");
    List<Bytes> ids = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      Transaction tx = client.put("k" + k, "\"v" + k + "\"");
      ids.add(tx.txId());
      ChanceryNode target = nodes.get(k % 4);
      target.submit(tx.encoded());
    }
    for (ChanceryNode n : nodes) {
      awaitCommitted(n, ids);
    }
    long h = nodes.stream().mapToLong(n -> n.ledger().height()).min().orElseThrow();
    for (long height = 1; height <= h; height++) {
      Bytes hash = nodes.get(0).ledger().blocks().blockHash(height).orElseThrow();
      for (ChanceryNode n : nodes) {
        assertThat(n.ledger().blocks().blockHash(height)).contains(hash);
      }
      CommitCertificate c = nodes.get(0).ledger().blocks().certificate(height).orElseThrow();
      assertThat(c.signatures()).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void theChainGoesOnWithOneValidatorDownStopsWithTwoAndARestartedValidatorCatchesUp(
      @TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.createBft(dir, 4, TestNetwork.fastBft());
    for (int i = 1; i <= 4; i++) {
      start(net, i);
    }
    TestNetwork.Signer client = net.signer("org1", "users/client");
    List<Bytes> first = submitSome(client, 10, nodes.get(0));
    nodes.forEach(n -> awaitCommittedQuietly(n, first));

    ChanceryNode node4 = nodes.remove(3);
    node4.close();
    long stoppedAt = node4.ledger().height();
    List<Bytes> second = submitSome(client, 10, nodes.get(0));
    for (ChanceryNode n : nodes) {
      awaitCommitted(n, second);
    }

    ChanceryNode node3 = nodes.remove(2);
    node3.close();
    long before = nodes.get(0).ledger().height();
    List<Bytes> stuck = submitSome(client, 5, nodes.get(0));
    // Two of four cannot make a quorum: wait through several round timeouts and see no block.
    Thread.sleep(3_000);
    assertThat(nodes.get(0).ledger().height()).isEqualTo(before);
    assertThat(nodes.get(1).ledger().height()).isEqualTo(before);

    ChanceryNode back3 = start(net, 3);
    for (ChanceryNode n : nodes) {
      awaitCommitted(n, stuck);
    }
    ChanceryNode back4 = start(net, 4);
    assertThat(back4.ledger().height()).isEqualTo(stoppedAt);
    List<Bytes> third = submitSome(client, 10, nodes.get(0));
    awaitCommitted(back4, second);
    for (ChanceryNode n : nodes) {
      awaitCommitted(n, third);
    }
    assertSameChain();
    // The restarted validator votes again: its precommit is in a certificate of a later block.
    ChanceryNode one = nodes.get(0);
    long top = one.ledger().height();
    boolean signed = false;
    for (long h = back4.ledger().height(); h <= top && !signed; h++) {
      signed =
          one.ledger().blocks().certificate(h).orElseThrow().signatures().stream()
              .anyMatch(s -> s.validator().equals("node4"));
      if (!signed) {
        submitSome(client, 1, one);
        awaitHeight(one, h + 1);
        top = one.ledger().height();
      }
    }
    assertThat(signed).as("node4 signs a certificate after rejoining").isTrue();
    assertThat(back3.ledger().height()).isGreaterThan(before);
  }

  @Test
  void anEquivocatingValidatorIsCaughtAndShownAtTheEvidenceEndpoint(@TempDir Path dir)
      throws Exception {
    TestNetwork net = TestNetwork.createBft(dir, 4, TestNetwork.fastBft());
    for (int i = 1; i <= 3; i++) {
      start(net, i);
    }
    // node4 is not running; the test signs with its key two different prevotes for one slot.
    org.chancery.node.config.NodeConfig four = net.nodeConfig(4);
    org.chancery.crypto.EcPrivateKey key =
        org.chancery.crypto.pem.PemCodec.decodePrivateKey(
            java.nio.file.Files.readString(four.identityKey()), null, net.suite.curve());
    org.chancery.consensus.types.MessageSigner signer =
        new org.chancery.consensus.types.MessageSigner(net.suite, "test-chain", "node4", key);
    ChanceryNode one = nodes.get(0);
    long h = one.ledger().height() + 1;
    org.chancery.network.PeerId from = new org.chancery.network.PeerId("node4", "org4");
    for (String text : List.of("a", "b")) {
      org.chancery.consensus.types.SignedVote vote =
          signer.sign(
              org.chancery.consensus.types.Vote.prevote(
                  h,
                  0,
                  new org.chancery.consensus.types.ValueId(
                      Bytes.of(
                          net.suite.hash(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
                  "node4"));
      hub.inject(
          "node1",
          from,
          org.chancery.network.Channel.CONSENSUS,
          WireCodec.encode(new WireMessage.VoteMessage(vote)));
    }
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.URI uri =
        java.net.URI.create("http://127.0.0.1:" + one.apiPort() + "/v1/consensus/evidence");
    String body = "";
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && !body.contains("node4")) {
      body =
          http.send(
                  java.net.http.HttpRequest.newBuilder(uri).build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      Thread.sleep(20);
    }
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    assertThat(json.get("count").asInt()).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode e = json.get("equivocations").get(0);
    assertThat(e.get("validator").asText()).isEqualTo("node4");
    assertThat(e.get("height").asLong()).isEqualTo(h);
    assertThat(e.get("type").asText()).isEqualTo("prevote");
    assertThat(e.get("first").get("blockHash").asText())
        .isNotEqualTo(e.get("second").get("blockHash").asText());
    assertThat(one.metrics().counter("chancery_consensus_equivocations_total")).isEqualTo(1);
    // The proof survives a restart.
    nodes.remove(0).close();
    ChanceryNode again = start(net, 1);
    assertThat(again.consensus().orElseThrow().view().evidence()).hasSize(1);
    // A vote with a forged signature is not counted and not taken for evidence.
    org.chancery.consensus.types.SignedVote forged =
        new org.chancery.consensus.types.SignedVote(
            org.chancery.consensus.types.Vote.prevote(h, 1, null, "node4"), Bytes.of(new byte[64]));
    hub.inject(
        "node1",
        from,
        org.chancery.network.Channel.CONSENSUS,
        WireCodec.encode(new WireMessage.VoteMessage(forged)));
    hub.inject("node1", from, org.chancery.network.Channel.CONSENSUS, new byte[] {1, 2, 3});
    deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline
        && !(again.metrics().render().contains("reason=\"signature\"")
            && again.metrics().render().contains("reason=\"malformed\""))) {
      Thread.sleep(20);
    }
    assertThat(again.metrics().render())
        .contains("chancery_consensus_messages_rejected_total{reason=\"signature\"} 1")
        .contains("chancery_consensus_messages_rejected_total{reason=\"malformed\"} 1");
  }

  @Test
  void aNonValidatorFollowsTheChainBySyncAndServesIt(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.createBft(dir, 4, 1, TestNetwork.fastBft());
    for (int i = 1; i <= 5; i++) {
      start(net, i);
    }
    ChanceryNode follower = nodes.get(4);
    assertThat(follower.config().validator()).isFalse();
    TestNetwork.Signer client = net.signer("org5", "users/client");
    List<Bytes> ids = submitSome(client, 10, follower);
    for (ChanceryNode n : nodes) {
      awaitCommitted(n, ids);
    }
    assertSameChain();
    long top = nodes.get(0).ledger().height();
    for (long h = 1; h <= top; h++) {
      assertThat(nodes.get(0).ledger().blocks().certificate(h).orElseThrow().signatures())
          .noneMatch(sig -> sig.validator().equals("node5"));
    }
  }

  private void assertSameChain() {
    long h = nodes.stream().mapToLong(n -> n.ledger().height()).min().orElseThrow();
    for (long height = 1; height <= h; height++) {
      Bytes hash = nodes.get(0).ledger().blocks().blockHash(height).orElseThrow();
      for (ChanceryNode n : nodes) {
        assertThat(n.ledger().blocks().blockHash(height)).as("block %d", height).contains(hash);
      }
    }
    Bytes root = null;
    for (ChanceryNode n : nodes) {
      if (n.ledger().height() == h) {
        root = root == null ? n.ledger().state().root() : root;
        assertThat(n.ledger().state().root()).isEqualTo(root);
      }
    }
  }

  private static List<Bytes> submitSome(TestNetwork.Signer client, int n, ChanceryNode to) {
    List<Bytes> ids = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Transaction tx = client.put("key-" + System.nanoTime(), "1");
      ids.add(tx.txId());
      to.submit(tx.encoded());
    }
    return ids;
  }

  private static void awaitCommittedQuietly(ChanceryNode node, List<Bytes> ids) {
    try {
      awaitCommitted(node, ids);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void awaitCommitted(ChanceryNode node, List<Bytes> ids) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline
        && !ids.stream().allMatch(id -> node.ledger().blocks().locate(id).isPresent())) {
      Thread.sleep(20);
    }
    assertThat(ids).allMatch(id -> node.ledger().blocks().locate(id).isPresent());
  }
}
