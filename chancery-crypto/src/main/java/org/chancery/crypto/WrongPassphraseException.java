package org.chancery.crypto;

/** An encrypted private key was opened without a passphrase or with a wrong one. */
public final class WrongPassphraseException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public WrongPassphraseException(String message) {
    super(message);
  }

  public WrongPassphraseException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "wrong-passphrase";
  }
}
