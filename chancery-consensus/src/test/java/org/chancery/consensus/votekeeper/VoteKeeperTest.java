package org.chancery.consensus.votekeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.chancery.core.Bytes;
import org.junit.jupiter.api.Test;

class VoteKeeperTest {
  private static final long H = 9;
  private static final ValueId A = ValueId.ofText("A");
  private static final ValueId B = ValueId.ofText("B");

  private final VoteKeeper four = new VoteKeeper(H, Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L));

  private static SignedVote prevote(int round, ValueId v, String by) {
    return new SignedVote(Vote.prevote(H, round, v, by), Bytes.fromHex("01"));
  }

  private static SignedVote precommit(int round, ValueId v, String by) {
    return new SignedVote(Vote.precommit(H, round, v, by), Bytes.fromHex("02"));
  }

  @Test
  void aValidatorCannotMakeTheKeeperRememberEverHigherRounds() {
    for (int round = 5; round < 1000; round++) {
      four.apply(prevote(round, A, "d"), 0);
      four.apply(precommit(round, A, "d"), 0);
    }
    assertThat(four.rounds()).hasSize(VoteKeeper.MAX_FUTURE_ROUNDS_PER_VALIDATOR);
    // The rounds it did open still take its other votes, and the next round is always open.
    four.apply(precommit(5, B, "d"), 0);
    four.apply(prevote(1, A, "d"), 0);
    assertThat(four.rounds()).contains(1, 5, 6);
  }

  @Test
  void fPlusOneFarAheadStillSkipsThere() {
    for (int round = 10; round < 20; round++) {
      four.apply(prevote(round, null, "d"), 0);
    }
    assertThat(four.apply(prevote(7, null, "a"), 0)).isEmpty();
    assertThat(four.apply(prevote(7, null, "b"), 0)).contains(new SkipRound(7));
  }

  @Test
  void twoThirdsPlusOneForAValueIsAPolkaReportedOnce() {
    assertThat(four.apply(prevote(0, A, "a"), 0)).isEmpty();
    assertThat(four.apply(prevote(0, A, "b"), 0)).isEmpty();
    assertThat(four.apply(prevote(0, A, "c"), 0)).contains(new PolkaValue(0, A));
    assertThat(four.apply(prevote(0, A, "d"), 0)).as("already reported").isEmpty();
    assertThat(four.hasQuorum(0, VoteType.PREVOTE, Optional.of(A))).isTrue();
  }

  @Test
  void mixedVotesReachOnlyTheAnyThreshold() {
    four.apply(prevote(0, A, "a"), 0);
    four.apply(prevote(0, B, "b"), 0);

    assertThat(four.apply(prevote(0, null, "c"), 0)).contains(new PolkaAny(0));
    assertThat(four.hasQuorumForAny(0, VoteType.PREVOTE)).isTrue();
    assertThat(four.hasQuorum(0, VoteType.PREVOTE, Optional.empty())).isFalse();
  }

  @Test
  void nilQuorumsAreReportedByType() {
    four.apply(prevote(1, null, "a"), 1);
    four.apply(prevote(1, null, "b"), 1);
    assertThat(four.apply(prevote(1, null, "c"), 1)).contains(new PolkaNil(1));

    four.apply(precommit(1, null, "a"), 1);
    four.apply(precommit(1, null, "b"), 1);
    assertThat(four.apply(precommit(1, null, "c"), 1))
        .as("nothing acts on precommits for nil beyond line 47")
        .contains(new PrecommitAny(1));
  }

  @Test
  void aPrecommitQuorumForAValueIsACommit() {
    four.apply(precommit(2, A, "a"), 2);
    four.apply(precommit(2, A, "c"), 2);

    assertThat(four.apply(precommit(2, A, "d"), 2)).contains(new PrecommitValue(2, A));
    assertThat(four.quorumValue(2, VoteType.PRECOMMIT)).contains(A);
    assertThat(four.votesFor(2, VoteType.PRECOMMIT, Optional.of(A)))
        .extracting(s -> s.vote().validator())
        .containsExactly("a", "c", "d");
  }

  @Test
  void fPlusOneInALaterRoundIsARoundSkip() {
    assertThat(four.apply(prevote(3, A, "a"), 1)).isEmpty();
    assertThat(four.apply(precommit(3, B, "b"), 1))
        .as("two of four validators, whatever they voted")
        .contains(new SkipRound(3));
    assertThat(four.apply(prevote(3, A, "c"), 1)).as("reported once").isEmpty();
  }

  @Test
  void noSkipForTheCurrentOrAnEarlierRound() {
    four.apply(prevote(1, A, "a"), 1);
    assertThat(four.apply(prevote(1, A, "b"), 1)).isEmpty();
    four.apply(prevote(0, A, "a"), 1);
    assertThat(four.apply(prevote(0, A, "b"), 1)).isEmpty();
  }

  @Test
  void powerNotHeadsIsWhatCounts() {
    VoteKeeper weighted = new VoteKeeper(H, Map.of("big", 7L, "s1", 1L, "s2", 1L, "s3", 1L));

    assertThat(weighted.apply(prevote(0, A, "big"), 0))
        .as("7 of 10 is more than two thirds")
        .contains(new PolkaValue(0, A));
    VoteKeeper other = new VoteKeeper(H, Map.of("big", 7L, "s1", 1L, "s2", 1L, "s3", 1L));
    other.apply(prevote(0, A, "s1"), 0);
    other.apply(prevote(0, A, "s2"), 0);
    assertThat(other.apply(prevote(0, A, "s3"), 0)).as("3 of 10").isEmpty();
  }

  @Test
  void anEquivocationIsKeptAsEvidenceAndNotCountedTwice() {
    four.apply(prevote(0, A, "a"), 0);
    four.apply(prevote(0, A, "b"), 0);
    SignedVote second = prevote(0, B, "a");

    assertThat(four.apply(second, 0)).isEmpty();
    assertThat(four.evidence())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.validator()).isEqualTo("a");
              assertThat(e.counted().vote().value()).contains(A);
              assertThat(e.conflicting()).isEqualTo(second);
            });
    RoundVotes round = four.roundVotes(0).orElseThrow();
    assertThat(round.prevotes().weights()).isEqualTo(Map.of(Optional.of(A), 2L));
    assertThat(four.apply(prevote(0, null, "a"), 0)).isEmpty();
    assertThat(four.evidence()).as("one proof per validator, round and type is enough").hasSize(1);
    assertThat(four.hasQuorumForAny(0, VoteType.PREVOTE)).isFalse();
  }

  @Test
  void theSameVoteTwiceIsNeitherEvidenceNorCountedTwice() {
    four.apply(prevote(0, A, "a"), 0);
    four.apply(new SignedVote(Vote.prevote(H, 0, A, "a"), Bytes.fromHex("99")), 0);
    four.apply(prevote(0, A, "b"), 0);

    assertThat(four.evidence()).isEmpty();
    assertThat(four.hasQuorum(0, VoteType.PREVOTE, Optional.of(A))).isFalse();
  }

  @Test
  void votesOfOtherHeightsOrStrangersAreRefused() {
    SignedVote stranger = prevote(0, A, "mallory");
    SignedVote later = new SignedVote(Vote.prevote(H + 1, 0, A, "a"), Bytes.EMPTY);

    assertThat(four.problemWith(stranger.vote())).contains("'mallory' is not a validator");
    assertThat(four.problemWith(later.vote())).contains("vote is for height 10, not 9");
    assertThatThrownBy(() -> four.apply(stranger, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCertificateProvesItsQuorumEvenOverAnEquivocation() {
    four.apply(precommit(0, null, "a"), 1);
    List<SignedVote> commit =
        List.of(precommit(0, A, "a"), precommit(0, A, "b"), precommit(0, A, "c"));

    assertThat(four.applyCertificate(commit)).contains(new PrecommitValue(0, A));
    assertThat(four.hasQuorum(0, VoteType.PRECOMMIT, Optional.of(A))).isTrue();
    assertThat(four.evidence()).singleElement().extracting(Equivocation::validator).isEqualTo("a");
    assertThat(four.votesFor(0, VoteType.PRECOMMIT, Optional.of(A))).hasSize(3);
  }

  @Test
  void aCertificateMustBeAQuorumOfOneVote() {
    assertThat(four.problemWithCertificate(List.of(precommit(0, A, "a"), precommit(0, A, "b"))))
        .contains("certificate carries power 2 of 4, not a quorum");
    assertThat(
            four.problemWithCertificate(
                List.of(precommit(0, A, "a"), precommit(0, A, "a"), precommit(0, A, "b"))))
        .as("one validator twice")
        .isPresent();
    assertThat(
            four.problemWithCertificate(
                List.of(precommit(0, A, "a"), precommit(0, B, "b"), precommit(0, A, "c"))))
        .contains("a certificate's votes must agree on type, round and value");
    assertThat(four.problemWithCertificate(List.of())).isPresent();
  }
}
