package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chancery.consensus.round.RoundInput;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.round.Step;
import org.chancery.consensus.round.Transition;
import org.chancery.consensus.round.UponRules;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.votekeeper.Thresholds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver scenarios have teeth: each case plants one known bug of Tendermint-family
 * implementations that the trace replay cannot see (the driver's bookkeeping, or the node's
 * timers), shows that a scenario passes with the rules Chancery runs, and fails with the bug.
 * Production code is unchanged; the bugs live here, planted through {@link DriverRules} and {@link
 * UponRules}.
 */
class PlantedDriverBugsAreCaughtTest {
  private static final Map<String, Long> FOUR = Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L);
  private static final ValueId V = ValueId.ofText("V");

  /** How the node around the driver handles timers; the driver expects every one fed back. */
  enum Timers {
    FAITHFUL,
    /** Stops waiting for the proposal once one arrived, whatever its valid round. */
    CANCEL_PROPOSE_ON_PROPOSAL
  }

  record Core(UponRules rules, DriverRules driverRules, Timers timers) {
    static final Core STANDARD =
        new Core(UponRules.ALGORITHM_1, DriverRules.STANDARD, Timers.FAITHFUL);

    Scenario scenarioAs(String self) {
      return new Scenario(
          self,
          FOUR,
          new ConsensusDriver(
              self,
              new WeightedRoundRobin(),
              Scenario.TIMEOUTS,
              rules,
              Thresholds.BFT,
              driverRules));
    }
  }

  interface Check {
    void run(Core core);
  }

  record PlantedBug(String name, Core bug, Check caughtBy) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<PlantedBug> bugs() {
    return Stream.of(
        new PlantedBug(
            "never reset the precommit-timeout flag (line 47, once per round)",
            new Core(UponRules.ALGORITHM_1, new PrecommitTimeoutOncePerHeight(), Timers.FAITHFUL),
            PlantedDriverBugsAreCaughtTest::everyRoundSchedulesItsPrecommitTimeout),
        new PlantedBug(
            "keep stale timeouts after a round skip (lines 57, 61, 65)",
            new Core(new TimeoutsOfAnyRound(), new NoStaleTimeouts(), Timers.FAITHFUL),
            PlantedDriverBugsAreCaughtTest::timeoutsOfASkippedRoundAreIgnored),
        new PlantedBug(
            "cancel the propose timeout on a proposal with a valid round but no polka (line 57)",
            new Core(
                UponRules.ALGORITHM_1, DriverRules.STANDARD, Timers.CANCEL_PROPOSE_ON_PROPOSAL),
            PlantedDriverBugsAreCaughtTest::aProposalWaitingForItsPolkaStillTimesOut),
        new PlantedBug(
            "let precommit-any hide a pending nil polka (lines 44 and 47)",
            new Core(UponRules.ALGORITHM_1, new PrecommitAnyHidesPolkas(), Timers.FAITHFUL),
            PlantedDriverBugsAreCaughtTest::aNilPolkaHeldWithPrecommitsStillPrecommitsNil));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bugs")
  void theScenarioHoldsForTheStandardCoreAndCatchesTheBug(PlantedBug planted) {
    planted.caughtBy().run(Core.STANDARD);
    assertThatThrownBy(() -> planted.caughtBy().run(planted.bug()))
        .as("the scenario catches: " + planted.name())
        .isInstanceOf(AssertionError.class);
  }

  // --- the scenarios that catch them ---

  /** Two rounds end in 2f+1 precommits for nil; each must schedule its precommit timeout. */
  static void everyRoundSchedulesItsPrecommitTimeout(Core core) {
    Scenario s = core.scenarioAs("a");
    s.start(1);
    List<String> others = List.of("b", "c", "d");
    for (int round = 0; round < 2; round++) {
      List<DriverOutput> out = new ArrayList<>(s.timeout(TimeoutKind.PROPOSE, round));
      for (String o : others) {
        out.addAll(s.prevote(o, round, null));
      }
      for (String o : others) {
        out.addAll(s.precommit(o, round, null));
      }
      assertThat(Scenario.timeouts(out))
          .as("round " + round)
          .contains(new Timeout(TimeoutKind.PRECOMMIT, 1, round));
      s.timeout(TimeoutKind.PRECOMMIT, round);
    }
    assertThat(s.driver.roundState().round()).isEqualTo(2);
  }

  /**
   * f+1 prevotes of round 2 skip there; the timers of round 0 then fire and must change nothing.
   */
  static void timeoutsOfASkippedRoundAreIgnored(Core core) {
    Scenario s = core.scenarioAs("a");
    s.start(1);
    s.prevote("b", 2, null);
    s.prevote("c", 2, null);
    List<DriverOutput> out = new ArrayList<>();
    for (TimeoutKind kind : TimeoutKind.values()) {
      out.addAll(s.timeout(kind, 0));
    }
    assertThat(Scenario.votes(out)).isEmpty();
    assertThat(s.driver.roundState().round()).isEqualTo(2);
    assertThat(s.driver.roundState().step()).isEqualTo(Step.PROPOSE);
  }

  /**
   * Round 1's proposal re-proposes a value with valid round 0, whose polka this validator never
   * saw: it waits for the polka (line 28) or the propose timeout (line 57), and on the timeout
   * prevotes nil.
   */
  static void aProposalWaitingForItsPolkaStillTimesOut(Core core) {
    String self = "a";
    Scenario s = core.scenarioAs(self);
    s.start(1);
    if (s.proposer(1).equals(self)) {
      self = "b";
      s = core.scenarioAs(self);
      s.start(1);
    }
    String me = self;
    List<String> others = Stream.of("a", "b", "c", "d").filter(x -> !x.equals(me)).toList();
    s.prevote(others.get(0), 1, null);
    s.prevote(others.get(1), 1, null); // f+1 of round 1: skip there
    assertThat(s.driver.roundState().round()).isEqualTo(1);
    s.proposal(1, V, 0);
    List<DriverOutput> out =
        core.timers() == Timers.CANCEL_PROPOSE_ON_PROPOSAL
            ? List.of()
            : s.timeout(TimeoutKind.PROPOSE, 1);
    assertThat(Scenario.votes(out)).contains(Vote.prevote(1, 1, null, self));
  }

  /**
   * While a still waits for round 0's proposal, b, c and d prevote nil and precommit nil. When its
   * propose timeout fires it prevotes nil, and on entering the prevote step it holds both a nil
   * polka and 2f+1 precommits: it must precommit nil at once (line 44), not only wait for the
   * precommit timeout (line 47).
   */
  static void aNilPolkaHeldWithPrecommitsStillPrecommitsNil(Core core) {
    Scenario s = core.scenarioAs("a");
    s.start(1);
    for (String o : List.of("b", "c", "d")) {
      s.prevote(o, 0, null);
    }
    for (String o : List.of("b", "c", "d")) {
      s.precommit(o, 0, null);
    }
    List<DriverOutput> out = s.timeout(TimeoutKind.PROPOSE, 0);
    assertThat(Scenario.votes(out)).contains(Vote.precommit(1, 0, null, "a"));
  }

  // --- the bugs ---

  /** Holding 2f+1 precommits, the driver stops looking at the polkas it holds. */
  private static final class PrecommitAnyHidesPolkas implements DriverRules {
    @Override
    public boolean polkasAfterPrecommitAny() {
      return false;
    }
  }

  /** "For the first time" kept for the whole height for line 47: one precommit timeout only. */
  private static final class PrecommitTimeoutOncePerHeight implements DriverRules {
    @Override
    public int firstTimeRound(RoundInput input, int round) {
      return input instanceof RoundInput.PrecommitAny ? 0 : round;
    }
  }

  /** Timers are told apart by height only. */
  private static final class NoStaleTimeouts implements DriverRules {
    @Override
    public boolean isStale(Timeout t, RoundState s) {
      return t.height() != s.height();
    }
  }

  /** OnTimeout*(h, r) acted on in whatever round the validator is now. */
  private static final class TimeoutsOfAnyRound implements UponRules {
    @Override
    public Transition timeoutPropose(String self, RoundState s, Timeout t) {
      return UponRules.super.timeoutPropose(self, s, current(s, t));
    }

    @Override
    public Transition timeoutPrevote(String self, RoundState s, Timeout t) {
      return UponRules.super.timeoutPrevote(self, s, current(s, t));
    }

    @Override
    public Transition timeoutPrecommit(String self, RoundState s, Timeout t) {
      return UponRules.super.timeoutPrecommit(self, s, current(s, t));
    }

    private static Timeout current(RoundState s, Timeout t) {
      return new Timeout(t.kind(), s.height(), s.round());
    }
  }
}
