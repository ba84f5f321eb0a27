package org.chancery.crypto;

/** Authenticated decryption or key unwrapping failed: wrong key, or the data was altered. */
public final class DecryptionFailedException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public DecryptionFailedException(String message) {
    super(message);
  }

  public DecryptionFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "decryption-failed";
  }
}
