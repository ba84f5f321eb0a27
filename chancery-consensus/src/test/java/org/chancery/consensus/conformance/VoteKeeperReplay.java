package org.chancery.consensus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.votekeeper.RoundVotes;
import org.chancery.consensus.votekeeper.ThresholdEvent;
import org.chancery.consensus.votekeeper.VoteKeeper;
import org.chancery.core.Bytes;

/**
 * Replays a vote-keeper trace ({@code bookkeeper}, {@code weightedVote}, {@code lastEmitted}): each
 * step applies one weighted vote with the validator's current round and checks the emitted
 * threshold and, for every round, the emitted events, the per-validator weights and both tallies.
 */
final class VoteKeeperReplay {
  private VoteKeeperReplay() {}

  static boolean accepts(Itf.Trace trace) {
    return trace.hasVariable("bookkeeper")
        && trace.hasVariable("weightedVote")
        && trace.hasVariable("lastEmitted");
  }

  static ReplayStats replay(Itf.Trace trace, CoreVariant core) {
    ReplayStats stats = new ReplayStats();
    JsonNode bk0 = trace.variable(0, "bookkeeper");
    Map<String, Long> powers = new LinkedHashMap<>();
    for (Map.Entry<JsonNode, JsonNode> e : Itf.map(bk0.get("validatorSet"))) {
      powers.put(e.getKey().asText(), Itf.bigint(e.getValue()));
    }
    VoteKeeper keeper = new VoteKeeper(Itf.bigint(bk0.get("height")), powers, core.thresholds());
    assertThat(Itf.map(bk0.get("rounds"))).isEmpty();

    for (int i = 1; i < trace.states().size(); i++) {
      if (i >= 2 && trace.repeatsPrevious(i)) {
        stats.repeatedStatesSkipped++;
        continue;
      }
      JsonNode wv = trace.variable(i, "weightedVote");
      assertThat(Itf.tag(wv)).isEqualTo("WV");
      List<JsonNode> parts = Itf.tuple(Itf.payload(wv));
      Vote vote = ModelTerms.vote(parts.get(0));
      long weight = Itf.bigint(parts.get(1));
      int currentRound = Itf.integer(parts.get(2));
      String where = trace.name() + ": state " + i + ", " + vote + " in round " + currentRound;
      assertThat(weight)
          .as(where + ": the trace's weight is the validator's power")
          .isEqualTo(powers.get(vote.validator()));

      Optional<ThresholdEvent> event =
          keeper.apply(new SignedVote(vote, Bytes.EMPTY), currentRound);

      assertThat(event).as(where).isEqualTo(event(trace.variable(i, "lastEmitted")));
      compareBookkeeper(keeper, trace.variable(i, "bookkeeper"), where);
      stats.statesCompared++;
    }
    return stats;
  }

  private static void compareBookkeeper(VoteKeeper keeper, JsonNode bk, String where) {
    Set<Integer> modelRounds = new HashSet<>();
    for (Map.Entry<JsonNode, JsonNode> e : Itf.map(bk.get("rounds"))) {
      int round = Itf.integer(e.getKey());
      modelRounds.add(round);
      JsonNode rv = e.getValue();
      RoundVotes mine =
          keeper.roundVotes(round).orElseThrow(() -> new AssertionError(where + ": no round"));
      Set<ThresholdEvent> emitted = new HashSet<>();
      for (JsonNode o : Itf.set(rv.get("emittedOutputs"))) {
        emitted.add(event(o).orElseThrow());
      }
      assertThat(mine.emitted()).as(where + ": emitted in round " + round).isEqualTo(emitted);
      Map<String, Long> weights = new HashMap<>();
      for (Map.Entry<JsonNode, JsonNode> w : Itf.map(rv.get("votesAddressesWeights"))) {
        weights.put(w.getKey().asText(), Itf.bigint(w.getValue()));
      }
      assertThat(mine.voterWeights()).as(where + ": voters of round " + round).isEqualTo(weights);
      assertThat(mine.prevotes())
          .as(where + ": prevotes of round " + round)
          .isEqualTo(tally(rv.get("prevotes")));
      assertThat(mine.precommits())
          .as(where + ": precommits of round " + round)
          .isEqualTo(tally(rv.get("precommits")));
      assertThat(Itf.bigint(rv.get("prevotes").get("totalWeight"))).isEqualTo(keeper.totalPower());
    }
    assertThat(keeper.rounds())
        .as(where + ": rounds")
        .containsExactlyInAnyOrderElementsOf(modelRounds);
    assertThat(keeper.evidence().isEmpty())
        .as(where + ": evidence")
        .isEqualTo(Itf.set(bk.get("evidence")).isEmpty());
  }

  private static RoundVotes.Tally tally(JsonNode voteCount) {
    Map<Optional<ValueId>, Long> weights = new HashMap<>();
    for (Map.Entry<JsonNode, JsonNode> e : Itf.map(voteCount.get("valuesWeights"))) {
      weights.put(ModelTerms.value(e.getKey()), Itf.bigint(e.getValue()));
    }
    Set<String> voters = new HashSet<>();
    Itf.set(voteCount.get("votesAddresses")).forEach(a -> voters.add(a.asText()));
    return new RoundVotes.Tally(weights, voters);
  }

  /** A model {@code VoteKeeperOutput}; {@code NoVKOutput} is empty. */
  static Optional<ThresholdEvent> event(JsonNode n) {
    JsonNode p = Itf.payload(n);
    return switch (Itf.tag(n)) {
      case "NoVKOutput" -> Optional.empty();
      case "PolkaAnyVKOutput" -> Optional.of(new ThresholdEvent.PolkaAny(Itf.integer(p)));
      case "PolkaNilVKOutput" -> Optional.of(new ThresholdEvent.PolkaNil(Itf.integer(p)));
      case "PrecommitAnyVKOutput" -> Optional.of(new ThresholdEvent.PrecommitAny(Itf.integer(p)));
      case "SkipVKOutput" -> Optional.of(new ThresholdEvent.SkipRound(Itf.integer(p)));
      case "PolkaValueVKOutput" -> {
        List<JsonNode> rv = Itf.tuple(p);
        yield Optional.of(
            new ThresholdEvent.PolkaValue(Itf.integer(rv.get(0)), ModelTerms.nonNil(rv.get(1))));
      }
      case "PrecommitValueVKOutput" -> {
        List<JsonNode> rv = Itf.tuple(p);
        yield Optional.of(
            new ThresholdEvent.PrecommitValue(
                Itf.integer(rv.get(0)), ModelTerms.nonNil(rv.get(1))));
      }
      default -> throw new IllegalStateException("unknown model vote keeper output: " + n);
    };
  }
}
