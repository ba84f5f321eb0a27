package org.chancery.crypto;

/** PEM text that is not well-formed or does not hold the object that was asked for. */
public final class MalformedPemException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public MalformedPemException(String message) {
    super(message);
  }

  public MalformedPemException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "malformed-pem";
  }
}
