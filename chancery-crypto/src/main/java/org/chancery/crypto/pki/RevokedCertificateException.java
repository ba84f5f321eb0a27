package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * A certificate, or the CA that issued it, is in the {@link RevocationSet} the validator was given.
 * Code {@code certificate-revoked}.
 *
 * <pre>{@code
 * try {
 *   validator.validate(certificate, blockTime);
 * } catch (RevokedCertificateException e) {
 *   problem(e.code(), e.getMessage()); // code "certificate-revoked"
 * }
 * }</pre>
 */
public final class RevokedCertificateException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public RevokedCertificateException(String message) {
    super(message);
  }

  public RevokedCertificateException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "certificate-revoked";
  }
}
