package org.chancery.sdk;

import java.net.URI;

/**
 * Base of the errors {@link ChanceryClient} reports, each naming the node it talked to. The three
 * kinds tell a caller what to do next:
 *
 * <ul>
 *   <li>{@link ChanceryApiException}: the node answered with an RFC 9457 problem, for example it
 *       rejected a transaction; retrying the same request gets the same answer unless the problem
 *       is transient ({@code mempool-full}, {@code overloaded}).
 *   <li>{@link NodeUnreachableException}: no answer (connection refused, timeout); try again or try
 *       another node.
 *   <li>{@link UnexpectedResponseException}: the node answered something the API does not document
 *       (a proxy's error page, a different API version).
 * </ul>
 *
 * <pre>{@code
 * try {
 *   client.submit(tx);
 * } catch (ChanceryApiException e) {
 *   log.warn("rejected: {} {}", e.code(), e.detail());
 * } catch (ChanceryClientException e) {
 *   log.warn("node {} unusable: {}", e.node(), e.getMessage());
 * }
 * }</pre>
 */
public abstract sealed class ChanceryClientException extends RuntimeException
    permits ChanceryApiException, NodeUnreachableException, UnexpectedResponseException {
  private static final long serialVersionUID = 1L;

  private final URI node;

  ChanceryClientException(URI node, String message, Throwable cause) {
    super(message, cause);
    this.node = node;
  }

  /** The base URL of the node the client talked to. */
  public URI node() {
    return node;
  }

  /**
   * A stable kebab-case code: the problem code the node sent for {@link ChanceryApiException},
   * otherwise {@code node-unreachable} or {@code unexpected-response}.
   */
  public abstract String code();
}
