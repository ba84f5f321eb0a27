package org.chancery.core.contract;

/**
 * Fails the current transaction. The code is stable (kebab-case, for example {@code not-found} or
 * {@code unauthorised}) and goes into the receipt with the message.
 */
public class ContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public ContractException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Stable kebab-case error code. */
  public String code() {
    return code;
  }
}
