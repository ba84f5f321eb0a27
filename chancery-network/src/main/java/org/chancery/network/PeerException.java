package org.chancery.network;

/** A call to a peer failed: unreachable, timed out, refused, or answered with an error. */
public final class PeerException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String peer;

  public PeerException(String peer, String message, Throwable cause) {
    super("peer " + peer + ": " + message, cause);
    this.peer = peer;
  }

  public PeerException(String peer, String message) {
    this(peer, message, null);
  }

  /** The node name of the peer the call went to. */
  public String peer() {
    return peer;
  }
}
