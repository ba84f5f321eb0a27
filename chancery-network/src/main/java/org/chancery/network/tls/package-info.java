/**
 * Mutual TLS between nodes: {@link org.chancery.network.tls.TlsMaterial} (a node's certificate, key
 * and trusted CAs), {@link org.chancery.network.tls.PeerVerifier} (which certificate is which peer)
 * and {@link org.chancery.network.tls.PeerTrustManager} (that decision inside the TLS handshake,
 * refusals logged and counted by {@link org.chancery.network.tls.RejectionRecorder}).
 */
package org.chancery.network.tls;
