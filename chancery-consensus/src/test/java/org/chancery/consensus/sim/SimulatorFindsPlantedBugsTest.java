package org.chancery.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongFunction;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.round.Transition;
import org.chancery.consensus.round.UponRules;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.votekeeper.Thresholds;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/**
 * The simulator has teeth: with a known bug planted through the core's rule seams (or in the
 * simulated node's storage), a few hundred seeds find a broken invariant. Production code is
 * unchanged; the bugs live here.
 */
class SimulatorFindsPlantedBugsTest {
  private static final CryptoSuite SUITE = CryptoSuite.byName("nist");
  private static final int SEEDS = 300;

  @Test
  void findsFPlusOneCountedAsAQuorum() {
    Thresholds fPlusOne =
        new Thresholds() {
          @Override
          public boolean isQuorum(long weight, long total) {
            return 3 * weight > total;
          }
        };
    SimResult found =
        firstViolation(
            seed ->
                SimConfig.of(4, seed % 2 == 0 ? FaultMix.PARTITION : FaultMix.BYZANTINE, 3)
                    .withThresholds(fPlusOne));
    assertThat(found.violations())
        .anyMatch(v -> v.startsWith("agreement") || v.startsWith("validity"));
  }

  @Test
  void findsOneValidatorsVoteCountedTwice() {
    Thresholds doubleCount =
        new Thresholds() {
          @Override
          public boolean countsAgain(
              org.chancery.consensus.types.SignedVote earlier,
              org.chancery.consensus.types.SignedVote repeated) {
            return true;
          }
        };
    SimResult found =
        firstViolation(
            seed ->
                SimConfig.of(4, seed % 2 == 0 ? FaultMix.LOSSY : FaultMix.BYZANTINE, 3)
                    .withThresholds(doubleCount));
    assertThat(found.violations())
        .anyMatch(v -> v.startsWith("agreement") || v.startsWith("validity"));
  }

  @Test
  void findsAWalThatDoesNotSurviveACrash() {
    SimResult found =
        firstViolation(
            seed -> SimConfig.of(4, FaultMix.CRASH, 3).withWalFault(SimConfig.WalFault.VOLATILE));
    assertThat(found.violations()).anyMatch(v -> v.startsWith("double sign"));
  }

  @Test
  void findsAVoteSentBeforeItsWalWriteIsSynced() {
    SimResult found =
        firstViolation(
            seed ->
                SimConfig.of(4, FaultMix.CRASH, 3)
                    .withWalFault(SimConfig.WalFault.SENT_BEFORE_SYNC));
    assertThat(found.violations()).anyMatch(v -> v.startsWith("double sign"));
  }

  @Test
  void findsARestartThatDoesNotReplayTheWal() {
    SimResult found =
        firstViolation(
            seed ->
                SimConfig.of(4, FaultMix.CRASH, 3).withWalFault(SimConfig.WalFault.NOT_REPLAYED));
    assertThat(found.violations()).anyMatch(v -> v.startsWith("double sign"));
  }

  @Test
  void findsAPrecommitTimeoutThatDoesNotMoveTheRound() {
    UponRules stuck =
        new UponRules() {
          @Override
          public Transition timeoutPrecommit(String self, RoundState s, Timeout t) {
            Transition standard = UponRules.super.timeoutPrecommit(self, s, t);
            return standard.accepted() ? Transition.quietly(s) : standard;
          }
        };
    SimResult found = firstViolation(seed -> SimConfig.of(4, FaultMix.LOSSY, 3).withRules(stuck));
    assertThat(found.violations()).anyMatch(v -> v.startsWith("liveness"));
  }

  private static SimResult firstViolation(LongFunction<SimConfig> configs) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      SimResult r = new Simulation(seed, configs.apply(seed), SUITE).run();
      if (!r.ok()) {
        System.out.println("planted bug found by " + SimulationCampaignTest.report(r));
        return r;
      }
    }
    throw new AssertionError("no seed in 1.." + SEEDS + " found the planted bug");
  }
}
