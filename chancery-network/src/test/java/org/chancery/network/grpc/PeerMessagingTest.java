package org.chancery.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.chancery.network.Channel;
import org.chancery.network.MessageTooLargeException;
import org.chancery.network.PeerId;
import org.chancery.network.PeerState;
import org.chancery.network.grpc.RecordingHandler.Received;
import org.chancery.network.grpc.TestCluster.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three nodes of three organisations pushing messages to each other. */
class PeerMessagingTest {
  private static final Member NODE1 = new Member("node1", "tax-bureau");
  private static final Member NODE2 = new Member("node2", "court");
  private static final Member NODE3 = new Member("node3", "housing");

  private final TestPki pki = new TestPki("tax-bureau", "court", "housing");
  private TestCluster cluster;

  @BeforeEach
  void startCluster() {
    cluster =
        TestCluster.start(
            pki, TestCluster.testLimits().withMaxMessageBytes(64 * 1024), NODE1, NODE2, NODE3);
  }

  @AfterEach
  void closeCluster() {
    cluster.close();
  }

  @Test
  void broadcastReachesEveryPeerOnceWithTheSendersIdentity() {
    GrpcPeerNetwork node1 = cluster.network("node1");
    List<String> sent = IntStream.range(0, 50).mapToObj(i -> "vote-" + i).toList();
    sent.forEach(text -> node1.broadcast(Channel.CONSENSUS, RecordingHandler.bytes(text)));
    node1.broadcast(Channel.CONSENSUS, RecordingHandler.bytes("marker"));

    PeerId node1Id = new PeerId("node1", "tax-bureau");
    for (String peer : List.of("node2", "node3")) {
      RecordingHandler handler = cluster.handler(peer);
      Eventually.until(peer + " receives the marker", () -> handler.texts().contains("marker"));
      // One stream, in order: a duplicate would have arrived before the marker.
      assertThat(handler.texts().subList(0, sent.size())).containsExactlyElementsOf(sent);
      assertThat(handler.texts()).hasSize(sent.size() + 1);
      assertThat(handler.received())
          .extracting(Received::from, Received::channel)
          .containsOnly(org.assertj.core.groups.Tuple.tuple(node1Id, Channel.CONSENSUS));
    }
    assertThat(cluster.handler("node1").received()).isEmpty();
  }

  @Test
  void sendReachesOnlyTheNamedPeer() {
    GrpcPeerNetwork node1 = cluster.network("node1");
    assertThat(node1.send("node2", Channel.TRANSACTIONS, RecordingHandler.bytes("tx-for-2")))
        .isTrue();
    assertThat(node1.send("node3", Channel.TRANSACTIONS, RecordingHandler.bytes("marker-3")))
        .isTrue();

    Eventually.until("node2 gets its tx", () -> cluster.handler("node2").texts().size() == 1);
    Eventually.until("node3 gets its marker", () -> cluster.handler("node3").texts().size() == 1);
    assertThat(cluster.handler("node2").texts()).containsExactly("tx-for-2");
    assertThat(cluster.handler("node3").texts()).containsExactly("marker-3");
  }

  @Test
  void sendToAnUnconfiguredPeerReturnsFalse() {
    assertThat(
            cluster
                .network("node1")
                .send("node9", Channel.CONSENSUS, RecordingHandler.bytes("lost")))
        .isFalse();
  }

  @Test
  void eachChannelArrivesLabelledWithItsChannel() {
    GrpcPeerNetwork node2 = cluster.network("node2");
    node2.send("node3", Channel.CONSENSUS, RecordingHandler.bytes("prevote"));
    node2.send("node3", Channel.TRANSACTIONS, RecordingHandler.bytes("tx"));

    RecordingHandler node3 = cluster.handler("node3");
    Eventually.until("node3 gets both", () -> node3.received().size() == 2);
    PeerId from = new PeerId("node2", "court");
    assertThat(node3.received())
        .containsExactlyInAnyOrder(
            new Received(from, Channel.CONSENSUS, "prevote"),
            new Received(from, Channel.TRANSACTIONS, "tx"));
  }

  @Test
  void peerStateCountsMessagesAndBytesBothWays() {
    cluster.awaitAllConnected();
    GrpcPeerNetwork node1 = cluster.network("node1");
    node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("12345"));
    node1.send("node2", Channel.TRANSACTIONS, RecordingHandler.bytes("123"));
    Eventually.until("node2 gets both", () -> cluster.handler("node2").texts().size() == 2);

    PeerState node2SeenBy1 = TestCluster.state(node1, "node2");
    assertThat(node2SeenBy1.connected()).isTrue();
    assertThat(node2SeenBy1.address()).isEqualTo(cluster.address("node2").toString());
    assertThat(node2SeenBy1.messagesSent()).isEqualTo(2);
    assertThat(node2SeenBy1.bytesSent()).isEqualTo(8);
    assertThat(node2SeenBy1.queued()).isZero();
    assertThat(node2SeenBy1.dropped()).isZero();

    PeerState node1SeenBy2 = TestCluster.state(cluster.network("node2"), "node1");
    assertThat(node1SeenBy2.messagesReceived()).isEqualTo(2);
    assertThat(node1SeenBy2.bytesReceived()).isEqualTo(8);
    assertThat(node1SeenBy2.messagesSent()).isZero();
  }

  @Test
  void peersAreReportedInConfigurationOrder() {
    assertThat(cluster.network("node2").peers())
        .extracting(PeerState::name)
        .containsExactly("node1", "node3");
  }

  @Test
  void aPayloadOverTheLimitIsRefusedBeforeQueueing() {
    GrpcPeerNetwork node1 = cluster.network("node1");
    byte[] tooBig = new byte[64 * 1024 + 1];
    assertThatThrownBy(() -> node1.broadcast(Channel.TRANSACTIONS, tooBig))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessageContaining("65537 bytes")
        .hasMessageContaining("65536");
    assertThat(node1.peers()).allSatisfy(p -> assertThat(p.queued()).isZero());
  }

  @Test
  void aPayloadAtTheLimitIsDelivered() {
    GrpcPeerNetwork node1 = cluster.network("node1");
    byte[] atLimit = new byte[64 * 1024];
    java.util.Arrays.fill(atLimit, (byte) 'x');
    node1.send("node3", Channel.CONSENSUS, atLimit);
    Eventually.until(
        "node3 gets the large message",
        () -> cluster.handler("node3").texts().stream().anyMatch(t -> t.length() == 64 * 1024));
  }
}
