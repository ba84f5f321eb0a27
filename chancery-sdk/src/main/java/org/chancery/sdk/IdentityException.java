package org.chancery.sdk;

/**
 * An identity directory or key pair that cannot sign transactions. {@link #code()} says why:
 *
 * <ul>
 *   <li>{@code identity-not-found}: the directory, {@code cert.pem} or {@code key.pem} is missing;
 *   <li>{@code malformed-identity}: a file is not a PEM certificate or key, or the certificate is
 *       not a Chancery member certificate (O, OU = role, CN);
 *   <li>{@code passphrase-required}: the key is encrypted and no passphrase was given;
 *   <li>{@code wrong-passphrase}: the passphrase does not open the key;
 *   <li>{@code key-mismatch}: the private key is not the certificate's key;
 *   <li>{@code wrong-suite}: the key is on a curve the chain's suite does not use.
 * </ul>
 *
 * <pre>{@code
 * try {
 *   Identity.load(dir, passphrase);
 * } catch (IdentityException e) {
 *   System.err.println(e.code() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class IdentityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public IdentityException(String code, String message) {
    super(message);
    this.code = code;
  }

  public IdentityException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** Stable kebab-case code, for example {@code key-mismatch}. */
  public String code() {
    return code;
  }
}
