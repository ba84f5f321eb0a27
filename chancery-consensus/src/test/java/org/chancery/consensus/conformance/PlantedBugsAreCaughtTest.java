package org.chancery.consensus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.chancery.consensus.driver.DriverRules;
import org.chancery.consensus.round.RoundInput;
import org.chancery.consensus.round.RoundOutput;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.round.Step;
import org.chancery.consensus.round.Transition;
import org.chancery.consensus.round.UponRules;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.votekeeper.Thresholds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Shows that the trace replay has teeth: each test plants one known Tendermint bug (from the
 * history of Tendermint-family implementations) by replacing one rule function, and expects at
 * least one shipped trace to fail. Production code is unchanged; the bugs live here.
 *
 * <p>Not every bug can be caught by these traces: the model's driver rarely needs to look again at
 * held proposals and votes after a step change, so dropping {@code DriverRules#reexamine} passes
 * every trace. {@code org.chancery.consensus.driver} scenario tests cover that rule.
 */
class PlantedBugsAreCaughtTest {
  private static List<Itf.Trace> traces;

  @BeforeAll
  static void readTraces() {
    Path root = TraceConformanceTest.traceRoot();
    traces = TraceConformanceTest.traceFiles(root).stream().map(Itf::read).toList();
  }

  @TestFactory
  Stream<DynamicTest> everyPlantedBugFailsSomeTrace() {
    return bugs().entrySet().stream()
        .map(
            bug ->
                DynamicTest.dynamicTest(
                    bug.getKey(),
                    () -> {
                      Optional<String> caughtBy = firstFailingTrace(bug.getValue());
                      assertThat(caughtBy).as("a trace that catches: " + bug.getKey()).isPresent();
                      System.out.println(bug.getKey() + ": caught by " + caughtBy.get());
                    }));
  }

  private static Optional<String> firstFailingTrace(CoreVariant bug) {
    for (Itf.Trace trace : traces) {
      try {
        TraceConformanceTest.replay(trace, bug);
      } catch (AssertionError | RuntimeException caught) {
        return Optional.of(trace.name());
      }
    }
    return Optional.empty();
  }

  private static Map<String, CoreVariant> bugs() {
    return Map.ofEntries(
        Map.entry("clear the lock on a nil polka (line 44)", rules(new ClearLockOnNilPolka())),
        Map.entry(
            "propose a fresh value instead of the valid value (lines 15-16)",
            rules(new ProposeFreshValue())),
        Map.entry(
            "accept a proof-of-lock round equal to the current round (line 28: vr <= round)",
            rules(new ValidRoundUpToCurrent())),
        Map.entry(
            "reject a proof-of-lock round of 0 (line 28: vr > 0)", rules(new ValidRoundFromOne())),
        Map.entry(
            "unlock only on a strictly newer polka (line 29: lockedRound < vr)",
            rules(new StrictlyNewerPolka())),
        Map.entry("prevote a proposal despite a lock (line 23)", rules(new IgnoreLock())),
        Map.entry(
            "skip rounds only on 2f+1 instead of f+1 (line 55)",
            thresholds(
                new Thresholds() {
                  @Override
                  public boolean isSkip(long weight, long total) {
                    return isQuorum(weight, total);
                  }
                })),
        Map.entry(
            "treat f+1 votes as a quorum",
            thresholds(
                new Thresholds() {
                  @Override
                  public boolean isQuorum(long weight, long total) {
                    return 3 * weight > total;
                  }
                })),
        Map.entry(
            "precommit timeout restarts the same round (line 67)",
            rules(new PrecommitTimeoutSameRound())));
  }

  private static CoreVariant rules(UponRules rules) {
    return new CoreVariant(rules, Thresholds.BFT, DriverRules.STANDARD);
  }

  private static CoreVariant thresholds(Thresholds thresholds) {
    return new CoreVariant(UponRules.ALGORITHM_1, thresholds, DriverRules.STANDARD);
  }

  private static final class ClearLockOnNilPolka implements UponRules {
    @Override
    public Transition polkaNil(String self, RoundState s) {
      Transition t = UponRules.super.polkaNil(self, s);
      if (!t.accepted()) {
        return t;
      }
      RoundState n = t.state();
      RoundState unlocked =
          new RoundState(
              n.height(),
              n.round(),
              n.step(),
              -1,
              Optional.empty(),
              n.validRound(),
              n.validValue());
      return new Transition(unlocked, t.output(), t.rejection());
    }
  }

  private static final class ProposeFreshValue implements UponRules {
    @Override
    public Transition startRoundAsProposer(
        String self, RoundState s, RoundInput.NewRoundAsProposer in) {
      Transition t = UponRules.super.startRoundAsProposer(self, s, in);
      if (!t.accepted() || s.validValue().isEmpty()) {
        return t;
      }
      return Transition.to(
          t.state(),
          new RoundOutput.RequestValue(
              s.height(), in.round(), new Timeout(TimeoutKind.PROPOSE, s.height(), in.round())));
    }
  }

  private static final class ValidRoundUpToCurrent implements UponRules {
    @Override
    public Transition proposalAndPolkaPrevious(
        String self, RoundState s, RoundInput.ProposalAndPolkaPrevious in) {
      if (s.step() == Step.PROPOSE && in.validRound() == s.round()) {
        return Transition.to(
            s.withStep(Step.PREVOTE),
            new RoundOutput.BroadcastVote(Vote.prevote(s.height(), s.round(), in.value(), self)));
      }
      return UponRules.super.proposalAndPolkaPrevious(self, s, in);
    }
  }

  private static final class ValidRoundFromOne implements UponRules {
    @Override
    public Transition proposalAndPolkaPrevious(
        String self, RoundState s, RoundInput.ProposalAndPolkaPrevious in) {
      if (in.validRound() == 0) {
        return Transition.rejected(s, "planted bug: proof-of-lock round 0 rejected");
      }
      return UponRules.super.proposalAndPolkaPrevious(self, s, in);
    }
  }

  private static final class StrictlyNewerPolka implements UponRules {
    @Override
    public Transition proposalAndPolkaPrevious(
        String self, RoundState s, RoundInput.ProposalAndPolkaPrevious in) {
      Transition t = UponRules.super.proposalAndPolkaPrevious(self, s, in);
      boolean sameValue = s.lockedValue().equals(Optional.of(in.value()));
      if (t.accepted() && s.lockedRound() == in.validRound() && !sameValue) {
        return Transition.to(
            s.withStep(Step.PREVOTE),
            new RoundOutput.BroadcastVote(Vote.prevote(s.height(), s.round(), null, self)));
      }
      return t;
    }
  }

  private static final class IgnoreLock implements UponRules {
    @Override
    public Transition proposal(String self, RoundState s, RoundInput.Proposal in) {
      if (s.step() != Step.PROPOSE) {
        return UponRules.super.proposal(self, s, in);
      }
      return Transition.to(
          s.withStep(Step.PREVOTE),
          new RoundOutput.BroadcastVote(Vote.prevote(s.height(), s.round(), in.value(), self)));
    }
  }

  private static final class PrecommitTimeoutSameRound implements UponRules {
    @Override
    public Transition timeoutPrecommit(String self, RoundState s, Timeout t) {
      Transition standard = UponRules.super.timeoutPrecommit(self, s, t);
      if (!standard.accepted()) {
        return standard;
      }
      return Transition.quietly(s);
    }
  }
}
