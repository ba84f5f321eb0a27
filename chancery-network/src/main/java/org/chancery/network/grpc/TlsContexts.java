package org.chancery.network.grpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.chancery.network.tls.PeerTrustManager;
import org.chancery.network.tls.TlsMaterial;

/**
 * Netty TLS contexts for peer connections: TLS 1.3 only, this node's certificate on both sides,
 * client certificates required, trust decided by a {@link PeerTrustManager}.
 *
 * <p>The JDK's TLS engine rather than the OpenSSL one grpc-netty-shaded can load: it behaves the
 * same on every platform, needs no native library, and calls the trust manager the same way.
 */
final class TlsContexts {
  private static final String TLS_1_3 = "TLSv1.3";

  private TlsContexts() {}

  static SslContext server(TlsMaterial tls, PeerTrustManager trust) {
    SslContextBuilder builder =
        SslContextBuilder.forServer(tls.privateKey(), chain(tls))
            .trustManager(trust)
            .clientAuth(ClientAuth.REQUIRE)
            .protocols(TLS_1_3);
    return build(GrpcSslContexts.configure(builder, SslProvider.JDK), "server");
  }

  static SslContext client(TlsMaterial tls, PeerTrustManager trust) {
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .keyManager(tls.privateKey(), chain(tls))
            .trustManager(trust)
            .protocols(TLS_1_3);
    return build(GrpcSslContexts.configure(builder, SslProvider.JDK), "client");
  }

  private static X509Certificate[] chain(TlsMaterial tls) {
    return tls.certificateChain().toArray(X509Certificate[]::new);
  }

  private static SslContext build(SslContextBuilder builder, String side) {
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new NetworkStartException(
          "cannot set up TLS 1.3 for the "
              + side
              + " side of peer connections: "
              + e.getMessage()
              + "; check that the JDK supports TLS 1.3 and that the TLS key is ECDSA P-256",
          e);
    }
  }
}
