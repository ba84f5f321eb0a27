package org.chancery.network;

/**
 * A payload handed to {@link PeerNetwork#broadcast} or {@link PeerNetwork#send} is larger than the
 * network carries. Nothing was queued.
 */
public final class MessageTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int size;
  private final int limit;

  public MessageTooLargeException(Channel channel, int size, int limit) {
    super(
        "a "
            + channel
            + " message of "
            + size
            + " bytes exceeds the network's maximum of "
            + limit
            + " bytes; split it, or raise the limit on every node");
    this.size = size;
    this.limit = limit;
  }

  /** The payload's size in bytes. */
  public int size() {
    return size;
  }

  /** The largest payload the network carries, in bytes. */
  public int limit() {
    return limit;
  }
}
