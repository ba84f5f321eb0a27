package org.chancery.crypto;

/** A key could not be decoded, is not a point on its curve, or has the wrong length. */
public final class MalformedKeyException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public MalformedKeyException(String message) {
    super(message);
  }

  public MalformedKeyException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "malformed-key";
  }
}
