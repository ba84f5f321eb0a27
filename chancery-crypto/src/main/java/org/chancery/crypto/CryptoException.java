package org.chancery.crypto;

/**
 * Base of every error the crypto module reports. Each subtype carries a stable, kebab-case {@link
 * #code()} that APIs above can expose unchanged (for example as the tail of an RFC 9457 problem
 * type), and a message that tells the user what was wrong and what to do about it.
 */
public abstract class CryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CryptoException(String message) {
    super(message);
  }

  protected CryptoException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable machine-readable error code, for example {@code wrong-curve}. */
  public abstract String code();
}
