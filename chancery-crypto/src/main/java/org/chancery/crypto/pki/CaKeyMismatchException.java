package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * The private key given to {@link CertificateAuthority#load} is not the key of the CA certificate
 * given with it. Code {@code ca-key-mismatch}.
 *
 * <pre>{@code
 * try {
 *   CertificateAuthority.load(identityCaCertificate, tlsCaKey);
 * } catch (CaKeyMismatchException e) {
 *   problem(e.code(), e.getMessage()); // code "ca-key-mismatch"
 * }
 * }</pre>
 */
public final class CaKeyMismatchException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public CaKeyMismatchException(String message) {
    super(message);
  }

  public CaKeyMismatchException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "ca-key-mismatch";
  }
}
