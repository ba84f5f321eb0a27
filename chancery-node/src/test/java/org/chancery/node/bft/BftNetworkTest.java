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

  static void awaitCommitted(ChanceryNode node, List<Bytes> ids) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline
        && !ids.stream().allMatch(id -> node.ledger().blocks().locate(id).isPresent())) {
      Thread.sleep(20);
    }
    assertThat(ids).allMatch(id -> node.ledger().blocks().locate(id).isPresent());
  }
}
