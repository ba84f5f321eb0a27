package org.chancery.sdk;

import java.net.URI;

/**
 * The client got no answer from the node: the connection was refused or reset, the host is unknown,
 * a timeout expired, or the calling thread was interrupted (its interrupt flag is then set again).
 * The request may or may not have reached the node: after a submit, look the transaction up by its
 * id before signing a new one.
 *
 * <pre>{@code
 * try {
 *   client.status();
 * } catch (NodeUnreachableException e) {
 *   System.err.println("is the node at " + e.node() + " running? " + e.getMessage());
 * }
 * }</pre>
 */
public final class NodeUnreachableException extends ChanceryClientException {
  private static final long serialVersionUID = 1L;

  public NodeUnreachableException(URI node, String message, Throwable cause) {
    super(node, message, cause);
  }

  @Override
  public String code() {
    return "node-unreachable";
  }
}
