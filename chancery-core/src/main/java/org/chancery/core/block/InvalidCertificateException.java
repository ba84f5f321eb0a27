package org.chancery.core.block;

/** A commit certificate that does not prove its block final. */
public final class InvalidCertificateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidCertificateException(String message) {
    super(message);
  }

  /** Stable error code. */
  public String code() {
    return "invalid-commit-certificate";
  }
}
