package org.chancery.core.block;

/** Bytes that are not a well-formed, canonically encoded block, header, receipt or certificate. */
public final class MalformedBlockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedBlockException(String message) {
    super(message);
  }

  /** Stable error code. */
  public String code() {
    return "malformed-block";
  }
}
