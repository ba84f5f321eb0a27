package org.chancery.node.api;

/**
 * An API request that cannot be served, answered as RFC 9457 problem+json with type {@code
 * urn:chancery:error:<code>}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * @param status HTTP status
   * @param code stable kebab-case code, the tail of the problem type
   * @param detail what was wrong and what to do
   */
  public ApiException(int status, String code, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
