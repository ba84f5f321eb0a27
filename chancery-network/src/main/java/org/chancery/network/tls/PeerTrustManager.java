package org.chancery.network.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust decision for peer connections, made by a {@link PeerVerifier} instead of the JDK's
 * PKIX rules: an inbound manager accepts any configured peer as a client, an outbound manager
 * accepts exactly the peer this connection dialled as a server. Every refusal is logged and counted
 * through a {@link RejectionRecorder} before the handshake fails.
 *
 * <p>Extending {@link X509ExtendedTrustManager} keeps the JDK from wrapping this manager with its
 * own host-name check: peers are identified by node name, and the name check here is stricter than
 * a host name match (two nodes on one host would share a host name).
 *
 * <pre>{@code
 * PeerTrustManager inbound = PeerTrustManager.inbound(verifierRef::get, rejections);
 * PeerTrustManager toNode2 = PeerTrustManager.outbound(verifierRef::get, rejections, "node2");
 * }</pre>
 */
public final class PeerTrustManager extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  private final Supplier<PeerVerifier> verifier;
  private final RejectionRecorder rejections;
  private final String expectedPeer;

  private PeerTrustManager(
      Supplier<PeerVerifier> verifier, RejectionRecorder rejections, String expectedPeer) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.rejections = Objects.requireNonNull(rejections, "rejections");
    this.expectedPeer = expectedPeer;
  }

  /** For this node's server: accepts clients that are configured peers. */
  public static PeerTrustManager inbound(
      Supplier<PeerVerifier> verifier, RejectionRecorder rejections) {
    return new PeerTrustManager(verifier, rejections, null);
  }

  /** For the connection this node dials to {@code peer}: accepts only that peer as the server. */
  public static PeerTrustManager outbound(
      Supplier<PeerVerifier> verifier, RejectionRecorder rejections, String peer) {
    return new PeerTrustManager(verifier, rejections, Objects.requireNonNull(peer, "peer"));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (expectedPeer != null) {
      throw new CertificateException(
          "the outbound trust manager for " + expectedPeer + " does not check clients");
    }
    try {
      verifier.get().verifyClient(chain);
    } catch (PeerRejectedException e) {
      rejections.record("inbound", e);
      throw e;
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (expectedPeer == null) {
      throw new CertificateException("the inbound trust manager does not check servers");
    }
    try {
      verifier.get().verifyServer(chain, expectedPeer);
    } catch (PeerRejectedException e) {
      rejections.record("outbound to " + expectedPeer, e);
      throw e;
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  /**
   * None: a server that names its accepted CAs lets a client with a certificate from another CA
   * send no certificate at all, and then the refusal could not say which certificate was wrong.
   */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS.clone();
  }
}
