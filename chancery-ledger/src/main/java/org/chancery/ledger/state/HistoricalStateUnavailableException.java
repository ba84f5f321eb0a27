package org.chancery.ledger.state;

/**
 * A proof or root was asked for at a height this node does not hold: older than its retention
 * window (pruned, or about to be), or newer than its latest committed block. The request can be
 * retried at a height in {@code [oldestAvailable, latest]}.
 */
public final class HistoricalStateUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long requestedHeight;
  private final long oldestAvailable;
  private final long latest;

  public HistoricalStateUnavailableException(
      long requestedHeight, long oldestAvailable, long latest) {
    super(message(requestedHeight, oldestAvailable, latest));
    this.requestedHeight = requestedHeight;
    this.oldestAvailable = oldestAvailable;
    this.latest = latest;
  }

  private static String message(long requested, long oldest, long latest) {
    if (requested > latest) {
      return "the state at height "
          + requested
          + " does not exist yet: the latest committed height is "
          + latest;
    }
    return "the state at height "
        + requested
        + " is no longer kept: this node keeps heights "
        + oldest
        + " to "
        + latest
        + "; ask for a height in that range, or ask a node configured to retain more versions";
  }

  /** Stable error code. */
  public String code() {
    return "historical-state-unavailable";
  }

  public long requestedHeight() {
    return requestedHeight;
  }

  /** The oldest height whose state this node could prove when the request was made. */
  public long oldestAvailable() {
    return oldestAvailable;
  }

  /** The latest committed height when the request was made. */
  public long latest() {
    return latest;
  }
}
