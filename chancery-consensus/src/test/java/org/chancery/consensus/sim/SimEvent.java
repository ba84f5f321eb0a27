package org.chancery.consensus.sim;

import org.chancery.consensus.types.Timeout;

/** What the simulator's event queue holds, ordered by virtual time, then by scheduling order. */
sealed interface SimEvent extends Comparable<SimEvent> {
  long time();

  long seq();

  @Override
  default int compareTo(SimEvent o) {
    int c = Long.compare(time(), o.time());
    return c != 0 ? c : Long.compare(seq(), o.seq());
  }

  record Deliver(long time, long seq, int to, int from, Wire wire) implements SimEvent {}

  record Fire(long time, long seq, int node, int incarnation, Timeout timeout)
      implements SimEvent {}

  record Crash(long time, long seq, int node) implements SimEvent {}

  record Restart(long time, long seq, int node) implements SimEvent {}

  /** Time to re-send this validator's own messages of its height (gossip). */
  record Gossip(long time, long seq, int node, int incarnation) implements SimEvent {}

  /** The block of the decided height is committed; the validator starts the next height. */
  record NextHeight(long time, long seq, int node, int incarnation) implements SimEvent {}
}
