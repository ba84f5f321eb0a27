package org.chancery.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.chancery.network.Channel;
import org.chancery.network.PeerState;
import org.chancery.network.grpc.TestCluster.Member;
import org.junit.jupiter.api.Test;

/** Streams that break and come back, and what close() leaves behind. */
class ReconnectTest {
  private static final Member NODE1 = new Member("node1", "tax-bureau");
  private static final Member NODE2 = new Member("node2", "court");

  private final TestPki pki = new TestPki("tax-bureau", "court");

  @Test
  void aPeerRestartedOnTheSamePortGetsWhatWasQueuedMeanwhile() {
    try (TestCluster cluster = TestCluster.start(pki, TestCluster.testLimits(), NODE1, NODE2)) {
      cluster.awaitAllConnected();
      GrpcPeerNetwork node1 = cluster.network("node1");
      node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("before"));
      Eventually.until(
          "node2 gets the first message",
          () -> cluster.handler("node2").texts().contains("before"));

      int port = cluster.network("node2").port();
      cluster.network("node2").close();
      Eventually.until(
          "node1 sees node2 gone", () -> !TestCluster.state(node1, "node2").connected());
      node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("while-down"));

      GrpcPeerNetwork restarted = cluster.startNode(NODE2, port);
      assertThat(restarted.port()).isEqualTo(port);
      RecordingHandler again = cluster.handler("node2");
      Eventually.until(
          "the restarted node2 gets the queued message", () -> !again.texts().isEmpty());
      node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("after"));
      Eventually.until("the restarted node2 gets the new one", () -> again.texts().size() == 2);

      assertThat(again.texts()).containsExactly("while-down", "after");
      Eventually.until(
          "node1 reports node2 connected", () -> TestCluster.state(node1, "node2").connected());
      assertThat(TestCluster.state(node1, "node2").messagesSent()).isEqualTo(3);
    }
  }

  @Test
  void aPeerThatStartsLaterIsReachedOnceItListens() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (TestCluster cluster = TestCluster.start(pki, TestCluster.testLimits(), NODE1, NODE2)) {
      GrpcPeerNetwork node1 = cluster.network("node1");
      cluster.network("node2").close();
      // node1 dials a port where nothing listens yet, and keeps retrying with backoff.
      node1.connect("node2", new org.chancery.core.config.HostPort("127.0.0.1", port));
      node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("early"));

      cluster.startNode(NODE2, port);
      RecordingHandler node2 = cluster.handler("node2");
      Eventually.until("node2 gets the early message", () -> node2.texts().contains("early"));
      Eventually.until(
          "node1 reports node2 connected", () -> TestCluster.state(node1, "node2").connected());
    }
  }

  @Test
  void closeReleasesThePort() throws Exception {
    TestCluster cluster = TestCluster.start(pki, TestCluster.testLimits(), NODE1, NODE2);
    cluster.awaitAllConnected();
    int port = cluster.network("node1").port();
    cluster.close();

    try (ServerSocket rebound = new ServerSocket()) {
      rebound.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      assertThat(rebound.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void afterCloseNothingIsSentAndCloseIsIdempotent() {
    TestCluster cluster = TestCluster.start(pki, TestCluster.testLimits(), NODE1, NODE2);
    GrpcPeerNetwork node1 = cluster.network("node1");
    cluster.close();

    assertThatCode(node1::close).doesNotThrowAnyException();
    node1.broadcast(Channel.CONSENSUS, RecordingHandler.bytes("too late"));
    PeerState node2 = TestCluster.state(node1, "node2");
    assertThat(node2.connected()).isFalse();
    assertThat(node2.queued()).isZero();
    assertThat(node2.dropped()).isEqualTo(1);
    assertThatThrownBy(() -> node1.fetchBlocks("node2", 0, 1))
        .hasMessageContaining("network is closed");
  }

  @Test
  void aPortInUseFailsTheStartWithTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        TestCluster cluster = TestCluster.start(pki, TestCluster.testLimits(), NODE1)) {
      NetworkSettings settings = cluster.settingsFor(NODE1, 0).withListenPort(taken.getLocalPort());
      assertThatThrownBy(() -> GrpcPeerNetwork.start(settings, new RecordingHandler()))
          .isInstanceOf(NetworkStartException.class)
          .hasMessageContaining("cannot listen for peers on 127.0.0.1:" + taken.getLocalPort());
    }
  }
}
