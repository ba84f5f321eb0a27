package org.chancery.core.evidence;

/**
 * A deposit request that cannot be recorded. The code is stable and kebab-case ({@code
 * invalid-arguments}, {@code limit-exceeded}); the evidence contract puts it in the FAILED receipt.
 */
public final class InvalidDepositException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public InvalidDepositException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Stable kebab-case error code. */
  public String code() {
    return code;
  }
}
