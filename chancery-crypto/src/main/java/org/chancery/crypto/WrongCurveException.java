package org.chancery.crypto;

/** A key is on a curve other than the one the crypto suite in use requires. */
public final class WrongCurveException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public WrongCurveException(String message) {
    super(message);
  }

  public WrongCurveException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "wrong-curve";
  }
}
