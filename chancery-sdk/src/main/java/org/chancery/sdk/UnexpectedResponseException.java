package org.chancery.sdk;

import java.net.URI;

/**
 * The node answered with something the API does not document: a body that is not JSON, or JSON
 * without a field this client needs. Usually the URL points at something other than a Chancery
 * node, or the node runs an incompatible version.
 *
 * <pre>{@code
 * catch (UnexpectedResponseException e) {
 *   System.err.println("check --node: " + e.getMessage());
 * }
 * }</pre>
 */
public final class UnexpectedResponseException extends ChanceryClientException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public UnexpectedResponseException(URI node, int status, String message, Throwable cause) {
    super(node, message, cause);
    this.status = status;
  }

  /** The HTTP status of the response. */
  public int status() {
    return status;
  }

  @Override
  public String code() {
    return "unexpected-response";
  }
}
