package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * A certificate does not chain to any trusted CA: its issuer is not in the trusted set, its
 * signature does not verify with the issuer's key, or the issuer vouches for another organisation
 * than the one the certificate names. Code {@code untrusted-certificate}.
 *
 * <pre>{@code
 * try {
 *   validator.validate(certificate, blockTime);
 * } catch (UntrustedCertificateException e) {
 *   problem(e.code(), e.getMessage()); // code "untrusted-certificate"
 * }
 * }</pre>
 */
public final class UntrustedCertificateException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public UntrustedCertificateException(String message) {
    super(message);
  }

  public UntrustedCertificateException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "untrusted-certificate";
  }
}
