package org.chancery.core.proof;

/** A proof that does not prove what it claims; the message says which check failed. */
public final class InvalidProofException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidProofException(String message) {
    super(message);
  }

  public InvalidProofException(String message, Throwable cause) {
    super(message, cause);
  }

  public String code() {
    return "invalid-proof";
  }
}
