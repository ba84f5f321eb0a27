package org.chancery.consensus.types;

import java.util.Objects;

/**
 * A timeout the core asked for, and the event the environment feeds back when it expires. It names
 * its height and round, so an expiry for a round the core has left is recognised as stale.
 *
 * @param kind which step it guards
 * @param height the height it was scheduled at
 * @param round the round it was scheduled in
 */
public record Timeout(TimeoutKind kind, long height, int round) {

  public Timeout {
    Objects.requireNonNull(kind, "kind");
  }
}
