package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * A certificate, or the CA that issued it, was before its {@code notBefore} at the time of the
 * check. Code {@code certificate-not-yet-valid}.
 *
 * <pre>{@code
 * try {
 *   validator.validate(certificate, blockTime);
 * } catch (NotYetValidCertificateException e) {
 *   problem(e.code(), e.getMessage()); // code "certificate-not-yet-valid"
 * }
 * }</pre>
 */
public final class NotYetValidCertificateException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public NotYetValidCertificateException(String message) {
    super(message);
  }

  public NotYetValidCertificateException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "certificate-not-yet-valid";
  }
}
