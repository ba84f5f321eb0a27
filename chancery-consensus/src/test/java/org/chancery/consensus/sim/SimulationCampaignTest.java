package org.chancery.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/**
 * Runs many seeds of the simulator, each with a shape derived from the seed (n = 1, 4 or 7 and one
 * of the fault mixes), and fails with the seed and the command that replays it if any invariant
 * breaks. {@code -Dchancery.sim.firstSeed=S -Dchancery.sim.seeds=N} runs a long campaign.
 */
class SimulationCampaignTest {
  static final int[] SIZES = {1, 4, 7};
  static final int DEFAULT_SEEDS = 1_500;

  @Test
  void everySeedKeepsEveryInvariant() {
    long first = Long.getLong("chancery.sim.firstSeed", 1L);
    long count = Long.getLong("chancery.sim.seeds", DEFAULT_SEEDS);
    int heights = Integer.getInteger("chancery.sim.heights", 3);
    CryptoSuite suite = CryptoSuite.byName(System.getProperty("chancery.sim.suite", "sm"));
    long started = System.nanoTime();
    long heightsDecided = 0;
    long simulatedMillis = 0;
    List<SimResult> failures = new ArrayList<>();
    Map<String, Long> counters = new TreeMap<>();
    for (long seed = first; seed < first + count; seed++) {
      Simulation simulation = new Simulation(seed, configFor(seed, heights), suite);
      SimResult r = simulation.run();
      simulation.counters().forEach((k, v) -> counters.merge(k, v, Long::sum));
      heightsDecided += r.heightsDecided();
      simulatedMillis += r.simulatedMillis();
      if (!r.ok()) {
        failures.add(r);
        System.out.println(report(r));
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "simulation campaign: seeds %d..%d, runs %d, violations %d, simulated heights %d,"
            + " simulated time %d s, suite %s, wall time %d ms%n",
        first,
        first + count - 1,
        count,
        failures.size(),
        heightsDecided,
        simulatedMillis / 1000,
        suite.name(),
        millis);
    System.out.println("  counters: " + counters);
    assertThat(failures).as(failures.isEmpty() ? "" : report(failures.get(0))).isEmpty();
  }

  /** The shape of run {@code seed}: sizes and fault mixes in turn, so any range covers them all. */
  static SimConfig configFor(long seed, int heights) {
    int n = SIZES[(int) Math.floorMod(seed, (long) SIZES.length)];
    FaultMix[] mixes = FaultMix.values();
    FaultMix mix = mixes[(int) Math.floorMod(seed / SIZES.length, (long) mixes.length)];
    return SimConfig.of(n, mix, heights);
  }

  /** A failure's seed, what broke, and the one command that replays it. */
  static String report(SimResult r) {
    return "seed "
        + r.seed()
        + " (n="
        + r.config().n()
        + ", "
        + r.config().faults()
        + ") broke: "
        + String.join("; ", r.violations())
        + "\n  stats: "
        + r.stats()
        + "\n  replay: ./mvnw -B -pl chancery-consensus -am verify -Dtest=SimulationCampaignTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dchancery.sim.firstSeed="
        + r.seed()
        + " -Dchancery.sim.seeds=1";
  }
}
