package org.chancery.cli.network;

/**
 * Running a network directory's nodes ({@code network up}, {@code status}, {@code down}) failed in
 * a way the operator can fix; the message says what was found and what to do.
 *
 * <pre>{@code
 * throw new NetworkRunException(
 *     "another 'chancery network up' or 'down' is working on /tmp/net; wait for it to finish");
 * }</pre>
 */
public final class NetworkRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NetworkRunException(String message) {
    super(message);
  }

  public NetworkRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
