package org.chancery.crypto;

/** A crypto suite name that is neither {@code sm} nor {@code nist}. */
public final class UnknownSuiteException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public UnknownSuiteException(String message) {
    super(message);
  }

  public UnknownSuiteException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "unknown-suite";
  }
}
