package org.chancery.consensus.votekeeper;

import org.chancery.consensus.types.SignedVote;

/**
 * Proof that a validator cast two different votes of one type in one height and round: both signed
 * votes. Only the first is counted.
 *
 * @param counted the vote that was counted
 * @param conflicting a different vote by the same validator for the same height, round and type
 */
public record Equivocation(SignedVote counted, SignedVote conflicting) {

  public Equivocation {
    if (!counted.vote().validator().equals(conflicting.vote().validator())
        || counted.vote().type() != conflicting.vote().type()
        || counted.vote().height() != conflicting.vote().height()
        || counted.vote().round() != conflicting.vote().round()
        || counted.vote().equals(conflicting.vote())) {
      throw new IllegalArgumentException(
          "not an equivocation: " + counted.vote() + " and " + conflicting.vote());
    }
  }

  public String validator() {
    return counted.vote().validator();
  }
}
