package org.chancery.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/** One seed, one trace: the event log of a run depends on nothing but its seed and shape. */
class SimulationDeterminismTest {
  private static final CryptoSuite SUITE = CryptoSuite.byName("nist");

  @Test
  void theSameSeedGivesTheSameEventLog() {
    for (FaultMix mix : FaultMix.values()) {
      for (int n : new int[] {4, 7}) {
        long seed = 4242 + n * 10L + mix.ordinal();
        SimConfig config = SimConfig.of(n, mix, 3);
        SimResult first = new Simulation(seed, config, SUITE).run();
        SimResult second = new Simulation(seed, config, SUITE).run();
        assertThat(second.digest()).as("seed %d, n=%d, %s", seed, n, mix).isEqualTo(first.digest());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.simulatedMillis()).isEqualTo(first.simulatedMillis());
      }
    }
  }

  @Test
  void differentSeedsGiveDifferentEventLogs() {
    SimConfig config = SimConfig.of(4, FaultMix.CHAOS, 3);
    assertThat(new Simulation(1, config, SUITE).run().digest())
        .isNotEqualTo(new Simulation(2, config, SUITE).run().digest());
  }

  @Test
  void theSameSeedGivesTheSameEventLogWithTheSmSuite() {
    SimConfig config = SimConfig.of(4, FaultMix.CHAOS, 2);
    CryptoSuite sm = CryptoSuite.byName("sm");
    SimResult first = new Simulation(77, config, sm).run();
    SimResult second = new Simulation(77, config, sm).run();
    assertThat(first.ok()).as(String.join("; ", first.violations())).isTrue();
    assertThat(second.digest()).isEqualTo(first.digest());
  }
}
