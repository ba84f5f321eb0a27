package org.chancery.network.tls;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * A peer's TLS certificate was refused. It is a {@link CertificateException} so that a trust
 * manager can throw it straight into the TLS handshake, which then fails with a {@code
 * bad_certificate} alert.
 */
public final class PeerRejectedException extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final RejectionReason reason;
  private final String subject;

  /**
   * @param reason why the peer was refused
   * @param subject the refused certificate's subject, or {@code "(none)"}
   * @param message what was wrong and what to do about it
   */
  public PeerRejectedException(RejectionReason reason, String subject, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.subject = Objects.requireNonNull(subject, "subject");
  }

  /** Why the peer was refused. */
  public RejectionReason reason() {
    return reason;
  }

  /** The refused certificate's subject as people read it. */
  public String subject() {
    return subject;
  }
}
