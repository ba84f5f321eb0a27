package org.chancery.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.chancery.core.config.HostPort;
import org.chancery.network.PeerException;
import org.chancery.network.PeerId;
import org.chancery.network.SyncedBlock;
import org.chancery.network.grpc.TestCluster.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** node1 syncs blocks from node2, which has committed heights 0 to 20. */
class BlockSyncTest {
  private static final Member NODE1 = new Member("node1", "tax-bureau");
  private static final Member NODE2 = new Member("node2", "court");

  private final TestPki pki = new TestPki("tax-bureau", "court");
  private TestCluster cluster;
  private GrpcPeerNetwork node1;
  private RecordingHandler node2;

  @BeforeEach
  void start() {
    cluster =
        TestCluster.start(
            pki, TestCluster.testLimits().withCallDeadline(Duration.ofSeconds(1)), NODE1, NODE2);
    node1 = cluster.network("node1");
    node2 = cluster.handler("node2");
    node2.commitUpTo(20);
    // Calls ride the connection the Push streams opened; a cold TLS handshake is not under test.
    cluster.awaitAllConnected();
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void fetchBlocksReturnsThePeersBlocksAndCertificatesInOrder() throws PeerException {
    List<SyncedBlock> blocks = node1.fetchBlocks("node2", 3, 4);

    assertThat(blocks).extracting(SyncedBlock::height).containsExactly(3L, 4L, 5L, 6L);
    assertThat(blocks.get(0).block()).asString().isEqualTo("block-3");
    assertThat(blocks.get(3).certificate()).asString().isEqualTo("cert-6");
    assertThat(node2.blockRequesters()).containsExactly(new PeerId("node1", "tax-bureau"));
  }

  @Test
  void fetchBlocksNearTheTipReturnsWhatThereIs() throws PeerException {
    assertThat(node1.fetchBlocks("node2", 19, 100))
        .extracting(SyncedBlock::height)
        .containsExactly(19L, 20L);
  }

  @Test
  void fetchBlocksBeyondTheTipIsEmpty() throws PeerException {
    assertThat(node1.fetchBlocks("node2", 21, 10)).isEmpty();
  }

  @Test
  void fetchBlocksFromAnUnconfiguredPeerNamesTheConfiguredOnes() {
    assertThatThrownBy(() -> node1.fetchBlocks("node7", 0, 1))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("peer node7")
        .hasMessageContaining("[node2]")
        .extracting(e -> ((PeerException) e).peer())
        .isEqualTo("node7");
  }

  @Test
  void fetchBlocksRejectsNonsensicalArguments() {
    assertThatThrownBy(() -> node1.fetchBlocks("node2", -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fromHeight");
    assertThatThrownBy(() -> node1.fetchBlocks("node2", 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBlocks");
  }

  @Test
  void aPeerThatDoesNotAnswerInTimeExceedsTheDeadline() {
    CountDownLatch never = new CountDownLatch(1);
    node2.blockBlocksUntil(never);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> node1.fetchBlocks("node2", 0, 5))
          .isInstanceOf(PeerException.class)
          .hasMessageContaining("deadline exceeded")
          .hasMessageContaining("PT1S");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      never.countDown();
    }
  }

  @Test
  void anUnreachablePeerIsReportedAsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    node1.connect("node2", new HostPort("127.0.0.1", closedPort));

    assertThatThrownBy(() -> node1.fetchBlocks("node2", 0, 5))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("unreachable at 127.0.0.1:" + closedPort);
  }

  @Test
  void aPeerWhoseStoreFailsAnswersWithItsError() {
    node2.failBlocks(new IllegalStateException("block store is closed"));

    assertThatThrownBy(() -> node1.fetchBlocks("node2", 0, 5))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("INTERNAL")
        .hasMessageContaining("block store is closed");
  }

  @Test
  void anAnswerWithAGapIsDiscarded() {
    node2.skipAHeight();

    assertThatThrownBy(() -> node1.fetchBlocks("node2", 2, 5))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("sent block 4 where block 3 was due");
  }
}
