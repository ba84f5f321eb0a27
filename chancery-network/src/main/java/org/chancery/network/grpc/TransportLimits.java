package org.chancery.network.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds and timings of the transport.
 *
 * <pre>{@code
 * TransportLimits limits = TransportLimits.defaults()
 *     .withQueueCapacities(1_000, 5_000)
 *     .withCallDeadline(Duration.ofSeconds(2));
 * }</pre>
 *
 * @param consensusQueueCapacity messages queued per peer on the consensus channel before the oldest
 *     is dropped
 * @param transactionQueueCapacity the same for the transactions channel
 * @param maxMessageBytes the largest payload pushed, and the largest block plus certificate synced,
 *     in bytes; every node of a network should use the same value
 * @param callDeadline how long {@code fetchBlocks} waits for the whole answer
 * @param reconnectInitialBackoff the wait before the first re-dial of a broken stream
 * @param reconnectMaxBackoff the longest wait between re-dials (the wait doubles up to it)
 */
public record TransportLimits(
    int consensusQueueCapacity,
    int transactionQueueCapacity,
    int maxMessageBytes,
    Duration callDeadline,
    Duration reconnectInitialBackoff,
    Duration reconnectMaxBackoff) {

  /** Votes are small and re-sent by consensus; this holds several rounds for a slow peer. */
  public static final int DEFAULT_CONSENSUS_QUEUE = 10_000;

  /** Gossip bursts are larger than consensus traffic; transactions also reach peers in blocks. */
  public static final int DEFAULT_TRANSACTION_QUEUE = 50_000;

  /** 16 MiB: a full block with its certificate fits. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** Leaves HTTP/2 and gRPC room for a little more than the payload in a 2 GiB int. */
  private static final int LARGEST_MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;

  public TransportLimits {
    Objects.requireNonNull(callDeadline, "callDeadline");
    Objects.requireNonNull(reconnectInitialBackoff, "reconnectInitialBackoff");
    Objects.requireNonNull(reconnectMaxBackoff, "reconnectMaxBackoff");
    if (consensusQueueCapacity < 1 || transactionQueueCapacity < 1) {
      throw new InvalidNetworkSettingsException(
          "peer queue capacities must be at least 1, got consensus "
              + consensusQueueCapacity
              + " and transactions "
              + transactionQueueCapacity);
    }
    if (maxMessageBytes < 1 || maxMessageBytes > LARGEST_MAX_MESSAGE_BYTES) {
      throw new InvalidNetworkSettingsException(
          "maxMessageBytes must be between 1 and "
              + LARGEST_MAX_MESSAGE_BYTES
              + ", got "
              + maxMessageBytes);
    }
    if (!callDeadline.isPositive()) {
      throw new InvalidNetworkSettingsException(
          "the call deadline must be positive, got " + callDeadline);
    }
    if (!reconnectInitialBackoff.isPositive()
        || reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
      throw new InvalidNetworkSettingsException(
          "reconnect backoff must be positive and its maximum at least its initial wait, got "
              + reconnectInitialBackoff
              + " to "
              + reconnectMaxBackoff);
    }
  }

  /**
   * Consensus queue 10,000 and transaction queue 50,000 messages per peer, 16 MiB messages, a 5 s
   * call deadline, re-dials after 100 ms doubling up to 5 s.
   */
  public static TransportLimits defaults() {
    return new TransportLimits(
        DEFAULT_CONSENSUS_QUEUE,
        DEFAULT_TRANSACTION_QUEUE,
        DEFAULT_MAX_MESSAGE_BYTES,
        Duration.ofSeconds(5),
        Duration.ofMillis(100),
        Duration.ofSeconds(5));
  }

  /** These limits with other queue capacities. */
  public TransportLimits withQueueCapacities(int consensus, int transactions) {
    return new TransportLimits(
        consensus,
        transactions,
        maxMessageBytes,
        callDeadline,
        reconnectInitialBackoff,
        reconnectMaxBackoff);
  }

  /** These limits with another maximum message size. */
  public TransportLimits withMaxMessageBytes(int bytes) {
    return new TransportLimits(
        consensusQueueCapacity,
        transactionQueueCapacity,
        bytes,
        callDeadline,
        reconnectInitialBackoff,
        reconnectMaxBackoff);
  }

  /** These limits with another call deadline. */
  public TransportLimits withCallDeadline(Duration deadline) {
    return new TransportLimits(
        consensusQueueCapacity,
        transactionQueueCapacity,
        maxMessageBytes,
        deadline,
        reconnectInitialBackoff,
        reconnectMaxBackoff);
  }

  /** These limits with another reconnect backoff. */
  public TransportLimits withReconnectBackoff(Duration initial, Duration max) {
    return new TransportLimits(
        consensusQueueCapacity,
        transactionQueueCapacity,
        maxMessageBytes,
        callDeadline,
        initial,
        max);
  }
}
