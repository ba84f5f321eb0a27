package org.chancery.consensus.votekeeper;

import org.chancery.consensus.types.ValueId;

/**
 * A vote threshold the {@link VoteKeeper} saw reached. Each event is reported at most once per
 * round; the threshold a certificate proves is reported whenever the certificate arrives.
 */
public sealed interface ThresholdEvent {

  /** The round whose votes reached the threshold. */
  int round();

  /** 2f+1 prevotes for anything, nil included (line 34), but no quorum for the vote's value. */
  record PolkaAny(int round) implements ThresholdEvent {}

  /** 2f+1 prevotes for nil (line 44). */
  record PolkaNil(int round) implements ThresholdEvent {}

  /** 2f+1 prevotes for one value (lines 28, 36). */
  record PolkaValue(int round, ValueId value) implements ThresholdEvent {}

  /** 2f+1 precommits for anything, nil included (line 47), but no quorum for one value. */
  record PrecommitAny(int round) implements ThresholdEvent {}

  /** 2f+1 precommits for one value (line 49). */
  record PrecommitValue(int round, ValueId value) implements ThresholdEvent {}

  /** Messages from validators holding f+1 power in a round ahead of the current one (line 55). */
  record SkipRound(int round) implements ThresholdEvent {}
}
