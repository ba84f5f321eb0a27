package org.chancery.core.state;

/** Bytes that are not a state proof in the exact form {@link StateProof#encode()} writes. */
public final class MalformedStateProofException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedStateProofException(String message) {
    super(message);
  }

  /** Stable error code. */
  public String code() {
    return "malformed-state-proof";
  }
}
