package org.chancery.node.network;

/** {@code network init} cannot write its output; the message says what to do instead. */
public final class NetworkInitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NetworkInitException(String message) {
    super(message);
  }

  public NetworkInitException(String message, Throwable cause) {
    super(message, cause);
  }
}
