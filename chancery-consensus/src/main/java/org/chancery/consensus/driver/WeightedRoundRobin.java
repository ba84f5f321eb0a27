package org.chancery.consensus.driver;

import java.util.Map;
import org.chancery.consensus.types.Validators;

/**
 * Chancery's proposer rule: a round robin over height and round, weighted by voting power.
 *
 * <p>Lay the validators out in name order, each taking as many consecutive slots as it has power,
 * for {@code P} slots in all. The proposer of round {@code r} at height {@code h} owns slot {@code
 * (h + r) mod P}. So the proposer rotates by one slot per height and per round, every validator
 * proposes in proportion to its power, and a round that fails moves to the next validator. With
 * power 1 each (the default) the proposer is {@code validators[(h + r) mod n]}.
 */
public final class WeightedRoundRobin implements ProposerSelector {

  @Override
  public String proposer(Validators validators, long height, int round) {
    if (round < 0) {
      throw new IllegalArgumentException("round must not be negative: " + round);
    }
    long total = validators.totalPower();
    long slot = Math.floorMod(Math.addExact(height, round), total);
    for (Map.Entry<String, Long> v : validators.powers().entrySet()) {
      if (slot < v.getValue()) {
        return v.getKey();
      }
      slot -= v.getValue();
    }
    throw new IllegalStateException("slot beyond the total power " + total);
  }
}
