package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * A certificate cannot serve as a member or CA certificate: it does not parse, lacks the
 * organisation (O), role (OU) or common name (CN), names an unknown role, is a CA presented as a
 * member, lacks a needed key usage, or carries a critical extension Chancery does not understand.
 * Code {@code malformed-certificate}.
 *
 * <pre>{@code
 * try {
 *   validator.validate(certificate, blockTime);
 * } catch (MalformedCertificateException e) {
 *   problem(e.code(), e.getMessage()); // code "malformed-certificate"
 * }
 * }</pre>
 */
public final class MalformedCertificateException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public MalformedCertificateException(String message) {
    super(message);
  }

  public MalformedCertificateException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "malformed-certificate";
  }
}
