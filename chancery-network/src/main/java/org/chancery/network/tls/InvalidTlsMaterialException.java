package org.chancery.network.tls;

/**
 * A node's TLS certificate, key or CA bundle cannot be used: unreadable, damaged, on the wrong
 * curve, or the key is not the certificate's. The message names the file and what to do.
 */
public final class InvalidTlsMaterialException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidTlsMaterialException(String message) {
    super(message);
  }

  public InvalidTlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
