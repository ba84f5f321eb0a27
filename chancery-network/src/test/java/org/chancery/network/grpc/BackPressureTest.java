package org.chancery.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.chancery.core.config.HostPort;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.network.Channel;
import org.chancery.network.PeerState;
import org.chancery.network.grpc.RecordingHandler.Received;
import org.chancery.network.grpc.TestCluster.Member;
import org.junit.jupiter.api.Test;

/** Bounded queues, drop-oldest, and slow or dead peers that must not hold up the others. */
class BackPressureTest {
  private static final Member NODE1 = new Member("node1", "tax-bureau");
  private static final Member NODE2 = new Member("node2", "court");
  private static final Member NODE3 = new Member("node3", "housing");

  private final TestPki pki = new TestPki("tax-bureau", "court", "housing");

  @Test
  void aFullQueueDropsItsOldestMessagesAndCountsThem() {
    TransportLimits small = TestCluster.testLimits().withQueueCapacities(4, 4);
    // node1 knows node2 by name only: its messages wait in node2's queue.
    try (GrpcPeerNetwork node1 = start(NODE1, small, "node2")) {
      for (int i = 0; i < 10; i++) {
        node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("vote-" + i));
      }
      PeerState waiting = TestCluster.state(node1, "node2");
      assertThat(waiting.queued()).isEqualTo(4);
      assertThat(waiting.dropped()).isEqualTo(6);
      assertThat(waiting.connected()).isFalse();
      assertThat(waiting.address()).isEqualTo("(unknown)");

      RecordingHandler node2Handler = new RecordingHandler();
      try (GrpcPeerNetwork node2 = startNode2(node2Handler, small)) {
        node1.connect("node2", new HostPort("127.0.0.1", node2.port()));
        Eventually.until("node2 gets the queued votes", () -> node2Handler.texts().size() == 4);
        node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("marker"));
        Eventually.until("node2 gets the marker", () -> node2Handler.texts().contains("marker"));

        assertThat(node2Handler.texts())
            .containsExactly("vote-6", "vote-7", "vote-8", "vote-9", "marker");
        PeerState after = TestCluster.state(node1, "node2");
        assertThat(after.queued()).isZero();
        assertThat(after.dropped()).isEqualTo(6);
        assertThat(after.messagesSent()).isEqualTo(5);
      }
    }
  }

  @Test
  void eachChannelHasItsOwnQueueAndConsensusGoesFirst() {
    TransportLimits limits = TestCluster.testLimits().withQueueCapacities(3, 2);
    try (GrpcPeerNetwork node1 = start(NODE1, limits, "node2")) {
      for (int i = 0; i < 4; i++) {
        node1.send("node2", Channel.TRANSACTIONS, RecordingHandler.bytes("tx-" + i));
      }
      for (int i = 0; i < 3; i++) {
        node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("vote-" + i));
      }
      // A transaction flood dropped transactions, never a vote.
      assertThat(TestCluster.state(node1, "node2").dropped()).isEqualTo(2);

      RecordingHandler node2Handler = new RecordingHandler();
      try (GrpcPeerNetwork node2 = startNode2(node2Handler, limits)) {
        node1.connect("node2", new HostPort("127.0.0.1", node2.port()));
        Eventually.until("node2 gets all five", () -> node2Handler.texts().size() == 5);
        assertThat(node2Handler.received())
            .extracting(Received::text)
            .containsExactly("vote-0", "vote-1", "vote-2", "tx-2", "tx-3");
      }
    }
  }

  @Test
  void aDeadPeerDoesNotDelayTheOthers() throws Exception {
    // node3's address accepts TCP connections and then says nothing, like a hung machine.
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestCluster cluster =
            TestCluster.start(pki, TestCluster.testLimits(), NODE1, NODE2, NODE3)) {
      cluster.network("node3").close();
      GrpcPeerNetwork node1 = cluster.network("node1");
      node1.connect("node3", new HostPort("127.0.0.1", blackHole.getLocalPort()));
      List<String> sent = IntStream.range(0, 500).mapToObj(i -> "vote-" + i).toList();

      assertTimeoutPreemptively(
          Duration.ofSeconds(2),
          () -> sent.forEach(t -> node1.broadcast(Channel.CONSENSUS, RecordingHandler.bytes(t))));

      RecordingHandler node2 = cluster.handler("node2");
      Eventually.until("node2 gets all 500", () -> node2.texts().size() == sent.size());
      assertThat(node2.texts()).containsExactlyElementsOf(sent);
      PeerState dead = TestCluster.state(node1, "node3");
      assertThat(dead.connected()).isFalse();
      assertThat(dead.messagesSent()).isZero();
      assertThat(dead.queued()).isEqualTo(sent.size());
    }
  }

  @Test
  void aPeerWhoseHandlerBlocksHoldsBackOnlyItsOwnQueue() {
    try (TestCluster cluster =
        TestCluster.start(pki, TestCluster.testLimits(), NODE1, NODE2, NODE3)) {
      cluster.awaitAllConnected();
      CountDownLatch gate = new CountDownLatch(1);
      cluster.handler("node2").blockMessagesUntil(gate);
      GrpcPeerNetwork node1 = cluster.network("node1");
      // Enough bytes to fill HTTP/2 flow-control windows and socket buffers several times over.
      int count = 2_000;
      String padding = "x".repeat(4_096);
      try {
        for (int i = 0; i < count; i++) {
          node1.broadcast(Channel.TRANSACTIONS, RecordingHandler.bytes(i + ":" + padding));
        }

        RecordingHandler node3 = cluster.handler("node3");
        Eventually.until("node3 gets all", () -> node3.texts().size() == count);
        assertThat(cluster.handler("node2").texts()).hasSize(1);
        Eventually.until(
            "node2's backlog waits in node1's queue",
            () -> TestCluster.state(node1, "node2").queued() > 0);
      } finally {
        gate.countDown();
      }
      RecordingHandler node2 = cluster.handler("node2");
      Eventually.until("node2 catches up once unblocked", () -> node2.texts().size() == count);
      assertThat(TestCluster.state(node1, "node2").dropped()).isZero();
      assertThat(node2.texts().get(count - 1)).startsWith((count - 1) + ":");
    }
  }

  private GrpcPeerNetwork start(Member self, TransportLimits limits, String... peers) {
    return GrpcPeerNetwork.start(settingsWithPeers(self, limits, peers), new RecordingHandler());
  }

  private NetworkSettings settingsWithPeers(Member self, TransportLimits limits, String... peers) {
    return new NetworkSettings(
        self.name(),
        self.organisation(),
        "127.0.0.1",
        0,
        pki.node(self.organisation(), self.name()),
        java.util.Arrays.stream(peers).map(p -> PeerAddress.unresolved(p, null)).toList(),
        limits,
        RevocationSet.empty(),
        Clock.systemUTC());
  }

  private GrpcPeerNetwork startNode2(RecordingHandler handler, TransportLimits limits) {
    return GrpcPeerNetwork.start(settingsWithPeers(NODE2, limits, "node1"), handler);
  }
}
