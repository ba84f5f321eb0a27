package org.chancery.core.tx;

/**
 * A transaction that is rejected before execution: it cannot be decoded, is not for this chain, is
 * not correctly signed by a member, is outside its validity window, or is a replay. The {@link
 * #code()} is stable and becomes the tail of the API's problem type ({@code
 * urn:chancery:error:<code>}).
 */
public final class InvalidTransactionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code stable kebab-case code, for example {@code bad-signature}
   * @param message what was wrong and what to do
   */
  public InvalidTransactionException(String code, String message) {
    super(message);
    this.code = code;
  }

  public InvalidTransactionException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** Stable kebab-case code, for example {@code malformed-transaction}. */
  public String code() {
    return code;
  }
}
