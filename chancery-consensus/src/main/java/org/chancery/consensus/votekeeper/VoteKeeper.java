package org.chancery.consensus.votekeeper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.consensus.votekeeper.ThresholdEvent.PolkaAny;
import org.chancery.consensus.votekeeper.ThresholdEvent.PolkaNil;
import org.chancery.consensus.votekeeper.ThresholdEvent.PolkaValue;
import org.chancery.consensus.votekeeper.ThresholdEvent.PrecommitAny;
import org.chancery.consensus.votekeeper.ThresholdEvent.PrecommitValue;
import org.chancery.consensus.votekeeper.ThresholdEvent.SkipRound;

/**
 * Counts the prevotes and precommits of one height by round, weighted by voting power, and reports
 * when a threshold of Algorithm 1 is reached: 2f+1 for a value, for nil or for anything, and f+1 in
 * a round ahead of the current one. A validator's first vote of a type in a round is the one
 * counted; a different second one is kept as {@link Equivocation} evidence and never counted.
 *
 * <p>Deterministic and single-threaded; no I/O. The votes it is given must already be verified.
 *
 * <pre>{@code
 * VoteKeeper keeper = new VoteKeeper(7, Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L));
 * keeper.apply(signedPrevote, 0);  // Optional.empty() until a threshold is reached
 * }</pre>
 */
public final class VoteKeeper {
  private final long height;
  private final Map<String, Long> powers;
  private final long totalPower;
  private final Thresholds thresholds;

  /** Distinct rounds beyond the next one that one validator's votes may open. */
  public static final int MAX_FUTURE_ROUNDS_PER_VALIDATOR = 2;

  private final TreeMap<Integer, RoundRecord> rounds = new TreeMap<>();
  private final List<Equivocation> evidence = new ArrayList<>();
  private final Set<List<Object>> equivocators = new HashSet<>();

  /** A keeper for {@code height} with the thresholds of Algorithm 1. */
  public VoteKeeper(long height, Map<String, Long> powers) {
    this(height, powers, Thresholds.BFT);
  }

  /**
   * @param height the height whose votes it counts
   * @param powers voting power of each validator, each at least 1
   * @param thresholds the threshold arithmetic
   */
  public VoteKeeper(long height, Map<String, Long> powers, Thresholds thresholds) {
    if (powers.isEmpty()) {
      throw new IllegalArgumentException("a vote keeper needs at least one validator");
    }
    powers.forEach(
        (name, power) -> {
          if (power < 1) {
            throw new IllegalArgumentException("validator " + name + " has power " + power);
          }
        });
    this.height = height;
    this.powers = Map.copyOf(powers);
    this.totalPower = powers.values().stream().mapToLong(Long::longValue).sum();
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  public long height() {
    return height;
  }

  public long totalPower() {
    return totalPower;
  }

  /** Why {@code vote} cannot be counted here, or empty if it can. */
  public Optional<String> problemWith(Vote vote) {
    if (vote.height() != height) {
      return Optional.of("vote is for height " + vote.height() + ", not " + height);
    }
    if (!powers.containsKey(vote.validator())) {
      return Optional.of("'" + vote.validator() + "' is not a validator");
    }
    return Optional.empty();
  }

  /**
   * Counts a verified vote and reports a threshold it completes, if any.
   *
   * @param currentRound the round the validator is in; a vote for a later round can only cause
   *     {@link SkipRound}
   * @throws IllegalArgumentException if {@link #problemWith} names a problem
   */
  public Optional<ThresholdEvent> apply(SignedVote signed, int currentRound) {
    Vote vote = signed.vote();
    requireCountable(vote);
    if (opensTooManyFutureRounds(vote, currentRound)) {
      return Optional.empty();
    }
    RoundRecord record = rounds.computeIfAbsent(vote.round(), r -> new RoundRecord());
    count(record, signed);

    // Line 55: f+1 power has spoken in a round ahead of ours.
    if (vote.round() > currentRound && thresholds.isSkip(record.voterPower(), totalPower)) {
      return record.emitOnce(new SkipRound(vote.round()));
    }
    return thresholdFor(vote.round(), vote.type(), vote.value(), record.tally(vote.type()))
        .flatMap(record::emitOnce);
  }

  /**
   * Bounds what one validator can make this keeper remember: votes for rounds more than one ahead
   * of ours are kept for at most {@link #MAX_FUTURE_ROUNDS_PER_VALIDATOR} distinct rounds per
   * validator. Honest validators advance round by round, so their votes are never refused; a
   * Byzantine one cannot grow the keeper by voting in ever higher rounds. The f+1 skip of line 55
   * still sees every honest validator's votes of the rounds ahead.
   */
  private boolean opensTooManyFutureRounds(Vote vote, int currentRound) {
    if (currentRound == Integer.MAX_VALUE || vote.round() <= currentRound + 1) {
      return false;
    }
    RoundRecord existing = rounds.get(vote.round());
    if (existing != null && existing.voterWeights.containsKey(vote.validator())) {
      return false;
    }
    long opened =
        rounds.tailMap(currentRound + 1, false).values().stream()
            .filter(r -> r.voterWeights.containsKey(vote.validator()))
            .count();
    return opened >= MAX_FUTURE_ROUNDS_PER_VALIDATOR;
  }

  /** Why {@code votes} are not a certificate that can be applied here, or empty if they are. */
  public Optional<String> problemWithCertificate(Collection<SignedVote> votes) {
    if (votes.isEmpty()) {
      return Optional.of("a certificate needs votes");
    }
    Vote first = votes.iterator().next().vote();
    Set<String> signers = new HashSet<>();
    long power = 0;
    for (SignedVote s : votes) {
      Vote v = s.vote();
      Optional<String> problem = problemWith(v);
      if (problem.isPresent()) {
        return problem;
      }
      if (v.type() != first.type()
          || v.round() != first.round()
          || !v.value().equals(first.value())) {
        return Optional.of("a certificate's votes must agree on type, round and value");
      }
      if (signers.add(v.validator())) {
        power += powers.get(v.validator());
      }
    }
    if (!thresholds.isQuorum(power, totalPower)) {
      return Optional.of(
          "certificate carries power " + power + " of " + totalPower + ", not a quorum");
    }
    return Optional.empty();
  }

  /**
   * Applies a certificate: 2f+1 verified votes of one type for one round and value (a polka or a
   * commit). Each vote is counted as if received alone, and the certificate's quorum holds from now
   * on even where an equivocator's earlier vote was counted instead. Reports the quorum the
   * certificate proves.
   *
   * @throws IllegalArgumentException if {@link #problemWithCertificate} names a problem
   */
  public Optional<ThresholdEvent> applyCertificate(Collection<SignedVote> votes) {
    Optional<String> problem = problemWithCertificate(votes);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    Vote first = votes.iterator().next().vote();
    RoundRecord record = rounds.computeIfAbsent(first.round(), r -> new RoundRecord());
    for (SignedVote s : votes) {
      count(record, s);
    }
    record.certify(first.type(), first.value(), votes);
    return Optional.of(quorumEvent(first.round(), first.type(), first.value()));
  }

  /** True if 2f+1 power voted {@code type} for {@code value} (nil if empty) in {@code round}. */
  public boolean hasQuorum(int round, VoteType type, Optional<ValueId> value) {
    RoundRecord record = rounds.get(round);
    return record != null
        && (record.isCertified(type, value)
            || thresholds.isQuorum(record.tally(type).weightOf(value), totalPower));
  }

  /** The value (not nil) that 2f+1 power voted {@code type} for in {@code round}, if any. */
  public Optional<ValueId> quorumValue(int round, VoteType type) {
    RoundRecord record = rounds.get(round);
    if (record == null) {
      return Optional.empty();
    }
    for (Map.Entry<Optional<ValueId>, List<SignedVote>> c :
        record.certificates.getOrDefault(type, Map.of()).entrySet()) {
      if (c.getKey().isPresent()) {
        return c.getKey();
      }
    }
    for (Map.Entry<Optional<ValueId>, Long> w : record.tally(type).weights.entrySet()) {
      if (w.getKey().isPresent() && thresholds.isQuorum(w.getValue(), totalPower)) {
        return w.getKey();
      }
    }
    return Optional.empty();
  }

  /** True if 2f+1 power voted {@code type} for anything, nil included, in {@code round}. */
  public boolean hasQuorumForAny(int round, VoteType type) {
    RoundRecord record = rounds.get(round);
    return record != null
        && (record.hasAnyCertificate(type)
            || thresholds.isQuorum(record.tally(type).totalWeight(), totalPower));
  }

  /**
   * The votes that make up a quorum for {@code value} in {@code round}: the counted ones and any
   * certificate's, one per validator, in arrival order. A decision's commit certificate.
   */
  public List<SignedVote> votesFor(int round, VoteType type, Optional<ValueId> value) {
    RoundRecord record = rounds.get(round);
    return record == null ? List.of() : record.votesFor(type, value);
  }

  /** Every equivocation seen at this height, in the order found. */
  public List<Equivocation> evidence() {
    return Collections.unmodifiableList(evidence);
  }

  /** The rounds some vote was received for, ascending. */
  public NavigableSet<Integer> rounds() {
    return Collections.unmodifiableNavigableSet(rounds.navigableKeySet());
  }

  /** A snapshot of one round, empty if no vote for it was received. */
  public Optional<RoundVotes> roundVotes(int round) {
    RoundRecord record = rounds.get(round);
    return record == null ? Optional.empty() : Optional.of(record.snapshot(round));
  }

  private void requireCountable(Vote vote) {
    Optional<String> problem = problemWith(vote);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  private void count(RoundRecord record, SignedVote signed) {
    Vote vote = signed.vote();
    long power = powers.get(vote.validator());
    Tally tally = record.tally(vote.type());
    SignedVote earlier = tally.counted.get(vote.validator());
    if (earlier == null) {
      tally.counted.put(vote.validator(), signed);
      tally.weights.merge(vote.value(), power, Long::sum);
    } else if (thresholds.countsAgain(earlier, signed)) {
      tally.weights.merge(vote.value(), power, Long::sum);
    } else if (!earlier.vote().equals(vote)
        && equivocators.add(List.of(vote.validator(), vote.round(), vote.type()))) {
      // Keep the first conflict as proof; further ones by the same validator add nothing.
      evidence.add(new Equivocation(earlier, signed));
    }
    record.voterWeights.putIfAbsent(vote.validator(), power);
  }

  /** The threshold {@code tally} reaches for the vote's value (lines 34, 36, 44, 47, 49). */
  private Optional<ThresholdEvent> thresholdFor(
      int round, VoteType type, Optional<ValueId> value, Tally tally) {
    if (thresholds.isQuorum(tally.weightOf(value), totalPower)) {
      return Optional.of(quorumEvent(round, type, value));
    }
    if (thresholds.isQuorum(tally.totalWeight(), totalPower)) {
      return Optional.of(type == VoteType.PREVOTE ? new PolkaAny(round) : new PrecommitAny(round));
    }
    return Optional.empty();
  }

  private static ThresholdEvent quorumEvent(int round, VoteType type, Optional<ValueId> value) {
    return switch (type) {
      case PREVOTE ->
          value.<ThresholdEvent>map(v -> new PolkaValue(round, v)).orElse(new PolkaNil(round));
      // Nothing acts on a precommit quorum for nil beyond line 47.
      case PRECOMMIT ->
          value
              .<ThresholdEvent>map(v -> new PrecommitValue(round, v))
              .orElse(new PrecommitAny(round));
    };
  }

  /** Counted votes of one type in one round. */
  private static final class Tally {
    final LinkedHashMap<String, SignedVote> counted = new LinkedHashMap<>();
    final LinkedHashMap<Optional<ValueId>, Long> weights = new LinkedHashMap<>();

    long weightOf(Optional<ValueId> value) {
      return weights.getOrDefault(value, 0L);
    }

    long totalWeight() {
      return weights.values().stream().mapToLong(Long::longValue).sum();
    }

    RoundVotes.Tally snapshot() {
      return new RoundVotes.Tally(weights, counted.keySet());
    }
  }

  /** Everything kept for one round. */
  private static final class RoundRecord {
    final Tally prevotes = new Tally();
    final Tally precommits = new Tally();
    final LinkedHashSet<ThresholdEvent> emitted = new LinkedHashSet<>();
    final LinkedHashMap<String, Long> voterWeights = new LinkedHashMap<>();
    final Map<VoteType, Map<Optional<ValueId>, List<SignedVote>>> certificates =
        new LinkedHashMap<>();

    Tally tally(VoteType type) {
      return type == VoteType.PREVOTE ? prevotes : precommits;
    }

    long voterPower() {
      return voterWeights.values().stream().mapToLong(Long::longValue).sum();
    }

    Optional<ThresholdEvent> emitOnce(ThresholdEvent event) {
      return emitted.add(event) ? Optional.of(event) : Optional.empty();
    }

    void certify(VoteType type, Optional<ValueId> value, Collection<SignedVote> votes) {
      certificates
          .computeIfAbsent(type, t -> new LinkedHashMap<>())
          .putIfAbsent(value, List.copyOf(votes));
    }

    boolean isCertified(VoteType type, Optional<ValueId> value) {
      return certificates.getOrDefault(type, Map.of()).containsKey(value);
    }

    boolean hasAnyCertificate(VoteType type) {
      return !certificates.getOrDefault(type, Map.of()).isEmpty();
    }

    List<SignedVote> votesFor(VoteType type, Optional<ValueId> value) {
      Map<String, SignedVote> byValidator = new LinkedHashMap<>();
      for (SignedVote s : tally(type).counted.values()) {
        if (s.vote().value().equals(value)) {
          byValidator.put(s.vote().validator(), s);
        }
      }
      for (SignedVote s :
          certificates.getOrDefault(type, Map.of()).getOrDefault(value, List.of())) {
        byValidator.putIfAbsent(s.vote().validator(), s);
      }
      return List.copyOf(byValidator.values());
    }

    RoundVotes snapshot(int round) {
      return new RoundVotes(
          round, prevotes.snapshot(), precommits.snapshot(), emitted, voterWeights);
    }
  }
}
