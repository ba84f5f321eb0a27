package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * A certificate, or the CA that issued it, was past its {@code notAfter} at the time of the check.
 * Code {@code certificate-expired}.
 *
 * <pre>{@code
 * try {
 *   validator.validate(certificate, blockTime);
 * } catch (ExpiredCertificateException e) {
 *   problem(e.code(), e.getMessage()); // code "certificate-expired"
 * }
 * }</pre>
 */
public final class ExpiredCertificateException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public ExpiredCertificateException(String message) {
    super(message);
  }

  public ExpiredCertificateException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "certificate-expired";
  }
}
