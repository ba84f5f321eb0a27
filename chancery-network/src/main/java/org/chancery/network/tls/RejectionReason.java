package org.chancery.network.tls;

/**
 * Why a TLS peer was refused during the handshake. Logged as {@code reason=<name>} and counted by
 * {@link RejectionRecorder}.
 */
public enum RejectionReason {
  /** The peer presented no certificate. */
  NO_CERTIFICATE,
  /**
   * No trusted TLS CA issued the certificate, or a CA issued it for another organisation than its
   * own (a CA vouches only for its own organisation's nodes).
   */
  UNTRUSTED_ISSUER,
  /** The certificate or its CA is in the revocation set. */
  REVOKED,
  /** The certificate or its CA has expired. */
  EXPIRED,
  /** The certificate or its CA is not valid yet. */
  NOT_YET_VALID,
  /** The certificate cannot serve as a node certificate (structure, key, extensions). */
  MALFORMED,
  /** The certificate's role (OU) is not {@code node}. */
  WRONG_ROLE,
  /** The certificate's extended key usage does not allow this side of TLS. */
  WRONG_KEY_USAGE,
  /** The certificate names a node that is not one of the configured peers. */
  UNKNOWN_PEER,
  /** The peer is configured with a pinned organisation and the certificate names another one. */
  WRONG_ORGANISATION,
  /** This node dialled one peer and the server presented another peer's certificate. */
  UNEXPECTED_PEER
}
