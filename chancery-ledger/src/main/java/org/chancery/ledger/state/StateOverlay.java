package org.chancery.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.chancery.core.contract.ContractContext.StateEntry;

/**
 * A state version as {@code changes} leave {@code base}: reads see the changes first. Applying the
 * same changes twice gives the same answers, so the overlay stays right when {@code base} catches
 * up with them (the block that made them is committed while the overlay is in use).
 */
final class StateOverlay implements StateReader {
  private final StateReader base;
  private final StateChanges changes;

  StateOverlay(StateReader base, StateChanges changes) {
    this.base = base;
    this.changes = changes;
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    Optional<byte[]> changed = changes.lookup(key);
    if (changed != null) {
      return changed.map(byte[]::clone);
    }
    return base.get(key);
  }

  @Override
  public List<StateEntry> range(
      String contract, String fromInclusive, String toExclusive, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    StateKey from = new StateKey(contract, fromInclusive);
    StateKey to = toExclusive == null ? null : new StateKey(contract, toExclusive);
    TreeMap<String, Optional<byte[]>> changed = new TreeMap<>(StateOverlay::utf8Order);
    for (Map.Entry<StateKey, Optional<byte[]>> e : changes.entries().entrySet()) {
      StateKey k = e.getKey();
      if (k.contract().equals(contract)
          && k.compareTo(from) >= 0
          && (to == null || k.compareTo(to) < 0)) {
        changed.put(k.key(), e.getValue());
      }
    }
    // Enough base entries that deletions among the changes cannot starve the result.
    TreeMap<String, byte[]> merged = new TreeMap<>(StateOverlay::utf8Order);
    for (StateEntry e :
        base.range(
            contract,
            fromInclusive,
            toExclusive,
            (int) Math.min(Integer.MAX_VALUE, (long) limit + changed.size()))) {
      merged.put(e.key(), e.value());
    }
    for (Map.Entry<String, Optional<byte[]>> e : changed.entrySet()) {
      if (e.getValue().isPresent()) {
        merged.put(e.getKey(), e.getValue().get().clone());
      } else {
        merged.remove(e.getKey());
      }
    }
    List<StateEntry> out = new ArrayList<>(Math.min(limit, merged.size()));
    for (Map.Entry<String, byte[]> e : merged.entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(new StateEntry(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static int utf8Order(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
