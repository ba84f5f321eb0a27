package org.chancery.network.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import java.util.Optional;
import org.chancery.network.Channel;
import org.chancery.network.proto.BlockEntry;
import org.chancery.network.proto.BlocksRequest;
import org.chancery.network.proto.PeerMessage;
import org.chancery.network.proto.PushChannel;
import org.chancery.network.proto.PushSummary;

/**
 * The gRPC service {@code chancery.network.v1.Peer}, written out by hand over the messages of
 * {@code transport.proto}, so the build needs no protoc gRPC plug-in.
 */
final class PeerService {
  static final String NAME = "chancery.network.v1.Peer";

  /**
   * A peer's long-lived stream of pushed messages to this node. Bidirectional although the receiver
   * answers only once, at the end: gRPC flushes the response headers of such a call at once, and
   * those headers are how the pusher learns it was accepted.
   */
  static final MethodDescriptor<PeerMessage, PushSummary> PUSH =
      MethodDescriptor.<PeerMessage, PushSummary>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(NAME, "Push"))
          .setRequestMarshaller(ProtoUtils.marshaller(PeerMessage.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(PushSummary.getDefaultInstance()))
          .build();

  /** Block sync: committed blocks from a height on, one per response message. */
  static final MethodDescriptor<BlocksRequest, BlockEntry> BLOCKS =
      MethodDescriptor.<BlocksRequest, BlockEntry>newBuilder()
          .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(NAME, "Blocks"))
          .setRequestMarshaller(ProtoUtils.marshaller(BlocksRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(BlockEntry.getDefaultInstance()))
          .setIdempotent(true)
          .build();

  static final ServiceDescriptor SERVICE =
      ServiceDescriptor.newBuilder(NAME).addMethod(PUSH).addMethod(BLOCKS).build();

  /** The most blocks one Blocks answer carries, whatever the request asks for. */
  static final int MAX_BLOCKS_PER_REQUEST = 1_000;

  /** Room for protobuf field tags and lengths around a payload of the maximum size. */
  static final int ENVELOPE_BYTES = 1024;

  private PeerService() {}

  static PushChannel toWire(Channel channel) {
    return switch (channel) {
      case CONSENSUS -> PushChannel.PUSH_CHANNEL_CONSENSUS;
      case TRANSACTIONS -> PushChannel.PUSH_CHANNEL_TRANSACTIONS;
    };
  }

  /** Empty for a channel this version does not know (unset, or added by a newer version). */
  static Optional<Channel> fromWire(PushChannel channel) {
    return switch (channel) {
      case PUSH_CHANNEL_CONSENSUS -> Optional.of(Channel.CONSENSUS);
      case PUSH_CHANNEL_TRANSACTIONS -> Optional.of(Channel.TRANSACTIONS);
      case PUSH_CHANNEL_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
    };
  }
}
