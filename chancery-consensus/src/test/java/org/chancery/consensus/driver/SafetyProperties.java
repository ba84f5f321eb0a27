package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;

/**
 * Whatever the other three validators send, in whatever order, and whenever timeouts fire, one
 * honest validator's core never signs two different votes for one round and type, never proposes
 * twice in a round, never decides twice or without a quorum, and never moves its lock backwards.
 */
class SafetyProperties {
  private static final List<ValueId> VALUES =
      List.of(ValueId.ofText("A"), ValueId.ofText("B"), ValueId.ofText("C"));

  /**
   * Something the environment does to validator a. Rounds are relative to a's current round (0 =
   * the round it is in), so most actions matter and histories reach locks and decisions.
   */
  sealed interface Action {}

  record Propose(int round, ValueId value, int validRound, Validity validity) implements Action {}

  record Cast(VoteType type, String voter, int round, Optional<ValueId> value) implements Action {}

  record Expire(TimeoutKind kind, int round) implements Action {}

  record Answer(int round, ValueId value) implements Action {}

  @Property(tries = 1000)
  void anHonestCoreNeverEquivocatesNorDecidesWrongly(@ForAll("histories") List<Action> history) {
    Scenario s = Scenario.fourValidatorsAs("a");
    s.start(1);
    int lockedRound = -1;
    for (Action action : history) {
      apply(s, action);
      RoundState state = s.driver.roundState();
      assertThat(state.lockedRound())
          .as("the lock never moves back")
          .isGreaterThanOrEqualTo(lockedRound);
      lockedRound = state.lockedRound();
    }

    Map<List<Object>, Vote> votes = new HashMap<>();
    for (Vote v : Scenario.votes(s.log())) {
      Vote earlier = votes.putIfAbsent(List.of(v.height(), v.round(), v.type()), v);
      assertThat(earlier == null || earlier.equals(v))
          .as("two different votes for one round and type: %s and %s", earlier, v)
          .isTrue();
    }
    Map<List<Object>, Proposal> proposals = new HashMap<>();
    for (Proposal p : Scenario.proposals(s.log())) {
      Proposal earlier = proposals.putIfAbsent(List.of(p.height(), p.round()), p);
      assertThat(earlier == null || earlier.equals(p)).as("two proposals in a round").isTrue();
      assertThat(p.proposer()).isEqualTo("a");
      assertThat(s.driver.proposer(p.round())).isEqualTo("a");
    }
    List<DriverOutput.Decide> decisions = Scenario.only(s.log(), DriverOutput.Decide.class);
    assertThat(decisions).hasSizeLessThanOrEqualTo(1);
    Statistics.label("outcome")
        .collect(
            !decisions.isEmpty()
                ? "decided"
                : s.driver.roundState().isLocked() ? "locked, undecided" : "neither");
    Statistics.label("last round").collect(s.driver.roundState().round());
    for (DriverOutput.Decide d : decisions) {
      long power =
          d.commit().stream()
              .map(SignedVote::vote)
              .filter(v -> v.type() == VoteType.PRECOMMIT && v.round() == d.round())
              .filter(v -> v.value().equals(Optional.of(d.proposal().proposal().value())))
              .map(Vote::validator)
              .distinct()
              .count();
      assertThat(3 * power).as("a decision needs 2f+1 precommits").isGreaterThan(2 * 4);
    }
  }

  private static void apply(Scenario s, Action action) {
    int current = Math.max(s.driver.roundState().round(), 0);
    switch (action) {
      case Propose p -> {
        int round = Math.max(current + p.round(), 0);
        if (!s.proposer(round).equals("a")) { // nobody can forge a's own proposals
          s.proposal(round, p.value(), p.validRound(), p.validity());
        }
      }
      case Cast c -> {
        int round = Math.max(current + c.round(), 0);
        s.apply(
            new DriverInput.VoteReceived(
                Scenario.signed(new Vote(c.type(), 1, round, c.value(), c.voter()))));
      }
      case Expire e -> s.timeout(e.kind(), Math.max(current + e.round(), 0));
      case Answer a -> s.value(Math.max(current + a.round(), 0), a.value());
    }
  }

  @Provide
  Arbitrary<List<Action>> histories() {
    // Skewed towards early rounds and one value, so that locks, relocks and decisions happen
    // often; the rest keeps Byzantine variety (other values, nil, later rounds).
    Arbitrary<Integer> rounds =
        Arbitraries.frequency(Tuple.of(12, 0), Tuple.of(2, 1), Tuple.of(2, -1), Tuple.of(1, 2));
    Arbitrary<ValueId> values =
        Arbitraries.frequency(
            Tuple.of(12, VALUES.get(0)), Tuple.of(2, VALUES.get(1)), Tuple.of(1, VALUES.get(2)));
    Arbitrary<Action> propose =
        Combinators.combine(
                rounds,
                values,
                Arbitraries.frequency(
                    Tuple.of(4, -1), Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(1, 2)),
                Arbitraries.frequency(Tuple.of(8, Validity.VALID), Tuple.of(1, Validity.INVALID)))
            .as(Propose::new);
    Arbitrary<Action> cast =
        Combinators.combine(
                Arbitraries.of(VoteType.class),
                Arbitraries.of("b", "c", "d"),
                rounds,
                values.optional(0.9))
            .as(Cast::new);
    Arbitrary<Action> expire =
        Combinators.combine(Arbitraries.of(TimeoutKind.class), rounds).as(Expire::new);
    Arbitrary<Action> answer = Combinators.combine(rounds, values).as(Answer::new);
    return Arbitraries.frequencyOf(
            Tuple.of(2, propose), Tuple.of(10, cast), Tuple.of(2, expire), Tuple.of(1, answer))
        .list()
        .ofMaxSize(100);
  }
}
