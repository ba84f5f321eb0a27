package org.chancery.consensus.types;

import java.util.Objects;

/**
 * A proposer's {@code <PROPOSAL, h, r, v, vr>} (Algorithm 1, line 19), as the consensus core sees
 * it: already authenticated. On the wire it travels as a {@link SignedProposal}.
 *
 * @param height the height
 * @param round the round, at least 0
 * @param value the proposed value
 * @param validRound the proof-of-lock round: the round of a polka the proposer saw for this value
 *     ({@code validRound_p}), or -1 for a fresh value; only a value below {@code round} can be used
 *     by line 28
 * @param proposer name of the validator that sent it
 */
public record Proposal(long height, int round, ValueId value, int validRound, String proposer) {

  public Proposal {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(proposer, "proposer");
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative: " + height);
    }
    if (round < 0) {
      throw new IllegalArgumentException("round must not be negative: " + round);
    }
    // A valid round at or after the round is meaningless but well-formed: such a proposal can
    // only match the rules that ignore vr (lines 36 and 49), exactly as the paper's "*" says.
    if (validRound < -1) {
      throw new IllegalArgumentException("valid round must be -1 or more: " + validRound);
    }
  }

  @Override
  public String toString() {
    return "PROPOSAL{h="
        + height
        + " r="
        + round
        + " "
        + value
        + " vr="
        + validRound
        + " by "
        + proposer
        + "}";
  }
}
