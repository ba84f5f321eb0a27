package org.chancery.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.util.List;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.network.Channel;
import org.chancery.network.PeerId;
import org.chancery.network.grpc.RawPeerClient.PushResult;
import org.chancery.network.proto.PeerMessage;
import org.chancery.network.proto.PushChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Push stream as the wire sees it, driven by a plain gRPC client. */
class PushProtocolTest {
  private final TestPki pki = new TestPki("tax-bureau", "court");
  private final RecordingHandler handler = new RecordingHandler();
  private GrpcPeerNetwork node1;

  @BeforeEach
  void start() {
    node1 =
        GrpcPeerNetwork.start(
            new NetworkSettings(
                "node1",
                "tax-bureau",
                "127.0.0.1",
                0,
                pki.node("tax-bureau", "node1"),
                List.of(PeerAddress.unresolved("node2", "court")),
                TestCluster.testLimits(),
                RevocationSet.empty(),
                Clock.systemUTC()),
            handler);
  }

  @AfterEach
  void close() {
    node1.close();
  }

  @Test
  void aMessageOnAnUnknownChannelIsSkippedAndTheStreamGoesOn() throws Exception {
    try (RawPeerClient node2 = new RawPeerClient(pki.node("court", "node2"), node1.port())) {
      PushResult result =
          node2.push(
              List.of(
                  PeerMessage.newBuilder()
                      .setChannelValue(7)
                      .setPayload(ByteString.copyFromUtf8("from the future"))
                      .build(),
                  PeerMessage.newBuilder()
                      .setChannel(PushChannel.PUSH_CHANNEL_UNSPECIFIED)
                      .setPayload(ByteString.copyFromUtf8("unlabelled"))
                      .build(),
                  PeerMessage.newBuilder()
                      .setChannel(PushChannel.PUSH_CHANNEL_CONSENSUS)
                      .setPayload(ByteString.copyFromUtf8("vote"))
                      .build()));

      assertThat(result.status().isOk()).isTrue();
      assertThat(result.received()).isEqualTo(3);
    }
    assertThat(handler.texts()).containsExactly("vote");
  }

  @Test
  void theSummaryCountsWhatTheReceiverTookAndTheSenderComesFromTheCertificate() throws Exception {
    try (RawPeerClient node2 = new RawPeerClient(pki.node("court", "node2"), node1.port())) {
      PushResult result = node2.push(Channel.TRANSACTIONS, "a", "b", "c");
      assertThat(result.received()).isEqualTo(3);
    }
    assertThat(handler.received())
        .extracting(RecordingHandler.Received::from)
        .containsOnly(new PeerId("node2", "court"));
    assertThat(TestCluster.state(node1, "node2").messagesReceived()).isEqualTo(3);
    assertThat(TestCluster.state(node1, "node2").bytesReceived()).isEqualTo(3);
  }

  @Test
  void aHandlerThatThrowsDoesNotEndTheStream() throws Exception {
    GrpcPeerNetwork throwing =
        GrpcPeerNetwork.start(
            new NetworkSettings(
                "node1",
                "tax-bureau",
                "127.0.0.1",
                0,
                pki.node("tax-bureau", "node1"),
                List.of(PeerAddress.unresolved("node2", "court")),
                TestCluster.testLimits(),
                RevocationSet.empty(),
                Clock.systemUTC()),
            new org.chancery.network.PeerHandler() {
              @Override
              public void onMessage(PeerId from, Channel channel, byte[] payload) {
                throw new IllegalStateException("handler bug");
              }

              @Override
              public List<org.chancery.network.SyncedBlock> blocks(
                  PeerId requester, long fromHeight, int maxBlocks, long maxBytes) {
                return List.of();
              }
            });
    try (throwing;
        RawPeerClient node2 = new RawPeerClient(pki.node("court", "node2"), throwing.port())) {
      PushResult result = node2.push(Channel.CONSENSUS, "one", "two");
      assertThat(result.status().isOk()).isTrue();
      assertThat(result.received()).isEqualTo(2);
    }
  }
}
