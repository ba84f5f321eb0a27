package org.chancery.node.api;

/**
 * An API request that cannot be served, answered as RFC 9457 problem+json with type {@code
 * urn:chancery:error:<code>}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final java.util.Map<String, String> extensions;

  /**
   * @param status HTTP status
   * @param code stable kebab-case code, the tail of the problem type
   * @param detail what was wrong and what to do
   */
  public ApiException(int status, String code, String detail) {
    this(status, code, detail, java.util.Map.of());
  }

  /**
   * @param extensions extra members of the problem document (RFC 9457 section 3.2)
   */
  public ApiException(
      int status, String code, String detail, java.util.Map<String, String> extensions) {
    super(detail);
    this.status = status;
    this.code = code;
    this.extensions = java.util.Map.copyOf(extensions);
  }

  /** Extra members of the problem document. */
  public java.util.Map<String, String> extensions() {
    return extensions;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
