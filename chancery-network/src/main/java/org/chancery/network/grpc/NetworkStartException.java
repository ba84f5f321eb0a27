package org.chancery.network.grpc;

/** The network could not start: the port is taken, or TLS could not be set up. */
public final class NetworkStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NetworkStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
