package org.chancery.ledger.state;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The net effect of a block on the world state: for each changed key its new value, or a deletion.
 * Iterates in key order, so applying it is deterministic. Mutable while a block executes; then
 * handed to {@link WorldState#prepare}.
 */
public final class StateChanges {
  private final TreeMap<StateKey, Optional<byte[]>> changes = new TreeMap<>();

  /** Records that {@code key} now holds {@code value}. */
  public void put(StateKey key, byte[] value) {
    changes.put(key, Optional.of(value.clone()));
  }

  /** Records that {@code key} was deleted. */
  public void delete(StateKey key) {
    changes.put(key, Optional.empty());
  }

  /** Adds all of {@code other}'s changes, later ones winning. */
  public void putAll(StateChanges other) {
    changes.putAll(other.changes);
  }

  /**
   * What this change set says about {@code key}: null if it does not touch it, an empty Optional if
   * it deletes it, else the new value.
   */
  public Optional<byte[]> lookup(StateKey key) {
    return changes.get(key);
  }

  /** The changes in key order; an empty Optional is a deletion. */
  public Map<StateKey, Optional<byte[]>> entries() {
    return Collections.unmodifiableMap(changes);
  }

  public int size() {
    return changes.size();
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
