package org.chancery.network.tls;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs and counts refused TLS peers, so that an operator sees why a node cannot join without
 * reading packet captures. One instance per network; thread-safe.
 *
 * <pre>{@code
 * RejectionRecorder rejections = new RejectionRecorder();
 * rejections.record("inbound", rejected);  // WARN event=tls-peer-rejected side=inbound reason=...
 * long revoked = rejections.counts().get(RejectionReason.REVOKED);
 * }</pre>
 */
public final class RejectionRecorder {
  private static final Logger log = LoggerFactory.getLogger(RejectionRecorder.class);

  private final AtomicLongArray counts = new AtomicLongArray(RejectionReason.values().length);

  /**
   * Logs {@code rejected} at WARN and counts it.
   *
   * @param side {@code inbound} when a peer dialled this node, {@code outbound to <peer>} when this
   *     node dialled it
   */
  public void record(String side, PeerRejectedException rejected) {
    counts.incrementAndGet(rejected.reason().ordinal());
    log.warn(
        "event=tls-peer-rejected side=\"{}\" reason={} subject=\"{}\" detail=\"{}\"",
        side,
        rejected.reason(),
        rejected.subject(),
        rejected.getMessage());
  }

  /** How many peers were refused so far, for every reason (zero included). */
  public Map<RejectionReason, Long> counts() {
    Map<RejectionReason, Long> snapshot = new EnumMap<>(RejectionReason.class);
    for (RejectionReason reason : RejectionReason.values()) {
      snapshot.put(reason, counts.get(reason.ordinal()));
    }
    return snapshot;
  }
}
