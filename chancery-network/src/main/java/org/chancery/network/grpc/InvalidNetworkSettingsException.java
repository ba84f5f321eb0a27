package org.chancery.network.grpc;

/** Network settings that cannot work; the message says which setting and what to change. */
public final class InvalidNetworkSettingsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidNetworkSettingsException(String message) {
    super(message);
  }

  public InvalidNetworkSettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
