package org.chancery.consensus.votekeeper;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.consensus.types.ValueId;

/**
 * A read-only snapshot of what the {@link VoteKeeper} holds for one round, for tests, metrics and
 * diagnostics.
 *
 * @param round the round
 * @param prevotes the prevote tally
 * @param precommits the precommit tally
 * @param emitted the threshold events already reported for this round
 * @param voterWeights power of every validator that sent any vote in this round (for line 55)
 */
public record RoundVotes(
    int round,
    Tally prevotes,
    Tally precommits,
    Set<ThresholdEvent> emitted,
    Map<String, Long> voterWeights) {

  public RoundVotes {
    emitted = Set.copyOf(emitted);
    voterWeights = Map.copyOf(voterWeights);
  }

  /**
   * Counted votes of one type.
   *
   * @param weights power per value voted for (an empty key is nil)
   * @param voters validators whose vote of this type is counted (their first)
   */
  public record Tally(Map<Optional<ValueId>, Long> weights, Set<String> voters) {
    public Tally {
      weights = Map.copyOf(weights);
      voters = Set.copyOf(voters);
    }
  }
}
