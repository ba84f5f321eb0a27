package org.chancery.network.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.chancery.network.Channel;
import org.chancery.network.PeerHandler;
import org.chancery.network.PeerId;
import org.chancery.network.SyncedBlock;
import org.chancery.network.proto.BlockEntry;
import org.chancery.network.proto.BlocksRequest;
import org.chancery.network.proto.PeerMessage;
import org.chancery.network.proto.PushSummary;
import org.chancery.network.tls.PeerRejectedException;
import org.chancery.network.tls.PeerVerifier;
import org.chancery.network.tls.RejectionRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's server side: receives peers' Push streams and answers their Blocks requests, with the
 * caller identified from its TLS client certificate alone.
 *
 * <p>A Push stream asks for one message at a time and the next only after {@link
 * PeerHandler#onMessage} returned, so a slow handler holds back only the peer whose message it is
 * handling (through HTTP/2 flow control, into that peer's own queues).
 */
final class InboundService {
  private static final Logger log = LoggerFactory.getLogger(InboundService.class);

  /** The authenticated caller, set by {@link Authenticator} for the call's handlers. */
  private static final Context.Key<Caller> CALLER = Context.key("chancery-peer");

  private final PeerHandler handler;
  private final Map<String, PeerCounters> counters;
  private final Supplier<PeerVerifier> verifier;
  private final RejectionRecorder rejections;
  private final int maxMessageBytes;

  InboundService(
      PeerHandler handler,
      Map<String, PeerCounters> counters,
      Supplier<PeerVerifier> verifier,
      RejectionRecorder rejections,
      int maxMessageBytes) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.counters = Map.copyOf(counters);
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.rejections = Objects.requireNonNull(rejections, "rejections");
    this.maxMessageBytes = maxMessageBytes;
  }

  /** The service, behind the interceptor that authenticates every call. */
  ServerServiceDefinition definition() {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(PeerService.SERVICE)
            .addMethod(PeerService.PUSH, new PushHandler())
            .addMethod(PeerService.BLOCKS, ServerCalls.asyncServerStreamingCall(this::blocks))
            .build();
    return ServerInterceptors.intercept(service, new Authenticator());
  }

  /** Who called, and the certificate that says so. */
  private record Caller(PeerId peer, X509Certificate certificate) {}

  /**
   * Reads the caller from the TLS session. The trust manager already refused anyone who is not a
   * configured peer; this checks again for every call, because the revocation set may have changed
   * since the handshake and a connection carries many calls, and above all it derives the identity
   * from the certificate, never from the request.
   */
  private final class Authenticator implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      X509Certificate certificate = clientCertificate(call);
      if (certificate == null) {
        call.close(
            Status.UNAUTHENTICATED.withDescription(
                "no TLS client certificate; peers connect with mutual TLS"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      PeerId peer;
      try {
        peer = verifier.get().verifyClient(new X509Certificate[] {certificate});
      } catch (PeerRejectedException e) {
        // A new call on a connection whose handshake passed, from a peer revoked since then.
        rejections.record("inbound call " + call.getMethodDescriptor().getBareMethodName(), e);
        call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      Context context = Context.current().withValue(CALLER, new Caller(peer, certificate));
      return Contexts.interceptCall(context, call, headers, next);
    }

    private static X509Certificate clientCertificate(ServerCall<?, ?> call) {
      SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      if (session == null) {
        return null;
      }
      try {
        Certificate[] chain = session.getPeerCertificates();
        return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
      } catch (SSLPeerUnverifiedException e) {
        return null;
      }
    }
  }

  /** Push: a peer's stream of messages, handed to the node one at a time. */
  private final class PushHandler implements ServerCallHandler<PeerMessage, PushSummary> {
    @Override
    public ServerCall.Listener<PeerMessage> startCall(
        ServerCall<PeerMessage, PushSummary> call, Metadata headers) {
      Caller caller = CALLER.get();
      PeerCounters peerCounters = counters.get(caller.peer().nodeName());
      // Headers now tell the pusher it was accepted; that is what PeerState.connected reports.
      call.sendHeaders(new Metadata());
      call.request(1);
      log.info(
          "event=peer-stream-accepted peer={} organisation={}",
          caller.peer().nodeName(),
          caller.peer().organisation());
      return new PushListener(call, caller, peerCounters);
    }
  }

  private final class PushListener extends ServerCall.Listener<PeerMessage> {
    private final ServerCall<PeerMessage, PushSummary> call;
    private final Caller caller;
    private final PeerCounters peerCounters;
    private long received;
    private boolean unknownChannelLogged;
    private boolean closed;

    PushListener(
        ServerCall<PeerMessage, PushSummary> call, Caller caller, PeerCounters peerCounters) {
      this.call = call;
      this.caller = caller;
      this.peerCounters = peerCounters;
    }

    @Override
    public void onMessage(PeerMessage message) {
      if (closed) {
        return;
      }
      if (verifier.get().isRevoked(caller.certificate())) {
        closed = true;
        log.warn(
            "event=peer-stream-refused peer={} reason=REVOKED detail=\"its TLS certificate was"
                + " revoked after it connected\"",
            caller.peer().nodeName());
        call.close(
            Status.PERMISSION_DENIED.withDescription("this node's TLS certificate is revoked"),
            new Metadata());
        return;
      }
      received++;
      ByteString payload = message.getPayload();
      peerCounters.countReceived(payload.size());
      Optional<Channel> channel = PeerService.fromWire(message.getChannel());
      if (channel.isEmpty()) {
        // A newer peer may use a channel this version does not know; skip it, keep the stream.
        if (!unknownChannelLogged) {
          unknownChannelLogged = true;
          log.warn(
              "event=peer-message-skipped peer={} reason=unknown-channel channel={}",
              caller.peer().nodeName(),
              message.getChannelValue());
        }
      } else {
        try {
          handler.onMessage(caller.peer(), channel.get(), payload.toByteArray());
        } catch (RuntimeException e) {
          log.warn(
              "event=peer-message-failed peer={} channel={} bytes={}",
              caller.peer().nodeName(),
              channel.get(),
              payload.size(),
              e);
        }
      }
      call.request(1);
    }

    @Override
    public void onHalfClose() {
      if (closed) {
        return;
      }
      closed = true;
      call.sendMessage(PushSummary.newBuilder().setReceived(received).build());
      call.close(Status.OK, new Metadata());
    }

    @Override
    public void onCancel() {
      closed = true;
    }
  }

  private void blocks(BlocksRequest request, StreamObserver<BlockEntry> out) {
    Caller caller = CALLER.get();
    long fromHeight = request.getFromHeight();
    int maxBlocks = request.getMaxBlocks();
    if (fromHeight < 0) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("from_height " + Long.toUnsignedString(fromHeight) + " is too large")
              .asRuntimeException());
      return;
    }
    if (maxBlocks == 0) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("max_blocks must be at least 1")
              .asRuntimeException());
      return;
    }
    // max_blocks is unsigned on the wire: a huge value reads as negative here.
    int asked =
        Integer.compareUnsigned(maxBlocks, PeerService.MAX_BLOCKS_PER_REQUEST) > 0
            ? PeerService.MAX_BLOCKS_PER_REQUEST
            : maxBlocks;
    List<SyncedBlock> blocks;
    try {
      blocks = handler.blocks(caller.peer(), fromHeight, asked, maxMessageBytes);
    } catch (RuntimeException e) {
      log.warn(
          "event=peer-blocks-failed peer={} fromHeight={} maxBlocks={}",
          caller.peer().nodeName(),
          fromHeight,
          asked,
          e);
      out.onError(
          Status.INTERNAL
              .withDescription("the node could not read its blocks: " + e.getMessage())
              .asRuntimeException());
      return;
    }
    int frameLimit = maxMessageBytes + PeerService.ENVELOPE_BYTES;
    for (SyncedBlock block : blocks.subList(0, Math.min(blocks.size(), asked))) {
      BlockEntry entry =
          BlockEntry.newBuilder()
              .setHeight(block.height())
              .setBlock(ByteString.copyFrom(block.block()))
              .setCertificate(ByteString.copyFrom(block.certificate()))
              .build();
      if (entry.getSerializedSize() > frameLimit) {
        out.onError(
            Status.RESOURCE_EXHAUSTED
                .withDescription(
                    "block "
                        + block.height()
                        + " with its certificate is "
                        + entry.getSerializedSize()
                        + " bytes, more than the maximum message size "
                        + maxMessageBytes
                        + "; raise maxMessageBytes on every node")
                .asRuntimeException());
        return;
      }
      out.onNext(entry);
    }
    out.onCompleted();
  }
}
