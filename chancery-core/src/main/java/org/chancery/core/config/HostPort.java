package org.chancery.core.config;

/**
 * A network endpoint, written {@code host:port}.
 *
 * @param host a host name or an IPv4 address (IPv6 literals in brackets)
 * @param port 1 to 65535
 */
public record HostPort(String host, int port) {
  public HostPort {
    if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "host must be a host name or IP address, got '" + host + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("must be host:port, got '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port in '" + text + "' is not a number");
    }
    return new HostPort(text.substring(0, colon), port);
  }

  /** Whether the host is a literal IP address rather than a name. */
  public boolean isIpLiteral() {
    return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.startsWith("[");
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
