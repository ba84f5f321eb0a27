package org.chancery.consensus.types;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.chancery.core.block.ValidatorSet;

/**
 * The voting power of each validator at one height, as the consensus core needs it: names and
 * powers, nothing else. Sorted by name, so iteration order is the same on every node.
 *
 * @param powers power by validator name, each at least 1
 */
public record Validators(NavigableMap<String, Long> powers) {

  public Validators {
    if (powers.isEmpty()) {
      throw new IllegalArgumentException("a validator set needs at least one validator");
    }
    powers.forEach(
        (name, power) -> {
          if (power == null || power < 1) {
            throw new IllegalArgumentException("validator " + name + " has power " + power);
          }
        });
    powers = Collections.unmodifiableNavigableMap(new TreeMap<>(powers));
  }

  /** Validators with the given powers. */
  public static Validators of(Map<String, Long> powers) {
    return new Validators(new TreeMap<>(powers));
  }

  /** The names and powers of a chain's validator set. */
  public static Validators of(ValidatorSet set) {
    TreeMap<String, Long> powers = new TreeMap<>();
    set.validators().forEach(v -> powers.put(v.name(), v.power()));
    return new Validators(powers);
  }

  public long totalPower() {
    return powers.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean contains(String name) {
    return powers.containsKey(name);
  }
}
