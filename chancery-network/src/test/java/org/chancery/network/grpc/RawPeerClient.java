package org.chancery.network.grpc;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.chancery.network.Channel;
import org.chancery.network.proto.PeerMessage;
import org.chancery.network.proto.PushSummary;
import org.chancery.network.tls.TlsMaterial;

/**
 * A peer that is not a Chancery node: plain gRPC over TLS with whatever certificate a test gives
 * it, trusting any server, pushing messages straight onto the wire. It is what an intruder would
 * run, so the server's checks are tested without the client's.
 */
final class RawPeerClient implements AutoCloseable {
  /** How a push ended, and with which TLS version if the stream got that far. */
  record PushResult(Status status, long received, String tlsProtocol) {}

  private final ManagedChannel channel;

  RawPeerClient(TlsMaterial tls, int port, String... protocols) throws Exception {
    SslContextBuilder ssl =
        GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
            .keyManager(tls.privateKey(), tls.certificateChain().toArray(X509Certificate[]::new))
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .protocols(protocols.length == 0 ? new String[] {"TLSv1.3"} : protocols);
    this.channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).sslContext(ssl.build()).build();
  }

  PushResult push(Channel on, String... texts) throws Exception {
    List<PeerMessage> messages = new ArrayList<>();
    for (String text : texts) {
      messages.add(
          PeerMessage.newBuilder()
              .setChannel(PeerService.toWire(on))
              .setPayload(ByteString.copyFromUtf8(text))
              .build());
    }
    return push(messages);
  }

  /** Pushes {@code messages} exactly as given, then half-closes and waits for the end. */
  PushResult push(List<PeerMessage> messages) throws Exception {
    ClientCall<PeerMessage, PushSummary> call =
        channel.newCall(
            PeerService.PUSH, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    CompletableFuture<PushResult> result = new CompletableFuture<>();
    String[] protocol = {null};
    long[] received = {-1};
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onHeaders(Metadata headers) {
            SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            protocol[0] = session == null ? null : session.getProtocol();
          }

          @Override
          public void onMessage(PushSummary summary) {
            received[0] = summary.getReceived();
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            result.complete(new PushResult(status, received[0], protocol[0]));
          }
        },
        new Metadata());
    call.request(1);
    messages.forEach(call::sendMessage);
    call.halfClose();
    return result.get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
