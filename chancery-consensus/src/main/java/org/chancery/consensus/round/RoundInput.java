package org.chancery.consensus.round;

import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.ValueId;

/**
 * What the driver feeds the round state machine: each input is the compound condition of one
 * upon-rule of Algorithm 1, already established by the driver (proposal from the right proposer,
 * validity, vote thresholds from the vote keeper). The line numbers are those of Algorithm 1 in
 * arXiv:1807.04938.
 */
public sealed interface RoundInput {

  /** Start {@code round} as a non-proposer: StartRound, lines 11-13 and 20-21. */
  record NewRound(int round) implements RoundInput {}

  /** Start {@code round} as its proposer: StartRound, lines 11-19. */
  record NewRoundAsProposer(int round) implements RoundInput {}

  /** {@code getValue()} returned {@code value} (line 18): broadcast it (line 19). */
  record ProposeValue(ValueId value) implements RoundInput {}

  /**
   * A valid {@code <PROPOSAL, h_p, round_p, v, -1>} from the proposer while in the propose step:
   * lines 22-27. {@code round} is the proposal's round (the driver only sends the current one).
   */
  record Proposal(int round, ValueId value) implements RoundInput {}

  /** An invalid proposal for the current round while in the propose step: lines 22, 26-27. */
  record InvalidProposal() implements RoundInput {}

  /**
   * A valid {@code <PROPOSAL, h_p, round_p, v, vr>} and 2f+1 {@code <PREVOTE, h_p, vr, id(v)>} with
   * {@code 0 <= vr < round_p}, while in the propose step: lines 28-33.
   */
  record ProposalAndPolkaPrevious(ValueId value, int validRound) implements RoundInput {}

  /** The same as {@link ProposalAndPolkaPrevious} but {@code valid(v)} is false: lines 28, 32. */
  record InvalidProposalAndPolkaPrevious(ValueId value) implements RoundInput {}

  /** 2f+1 {@code <PREVOTE, h_p, round_p, *>} while in the prevote step: lines 34-35. */
  record PolkaAny() implements RoundInput {}

  /**
   * A valid {@code <PROPOSAL, h_p, round_p, v, *>} and 2f+1 {@code <PREVOTE, h_p, round_p, id(v)>}
   * while in the prevote or precommit step: lines 36-43.
   */
  record ProposalAndPolkaCurrent(ValueId value) implements RoundInput {}

  /** 2f+1 {@code <PREVOTE, h_p, round_p, nil>} while in the prevote step: lines 44-46. */
  record PolkaNil() implements RoundInput {}

  /** 2f+1 {@code <PRECOMMIT, h_p, round_p, *>}: lines 47-48. */
  record PrecommitAny() implements RoundInput {}

  /**
   * A valid {@code <PROPOSAL, h_p, r, v, *>} and 2f+1 {@code <PRECOMMIT, h_p, r, id(v)>}, for any
   * round r: lines 49-54.
   */
  record ProposalAndPrecommitValue(int round, ValueId value) implements RoundInput {}

  /** f+1 messages of {@code round > round_p}: lines 55-56. */
  record SkipRound(int round) implements RoundInput {}

  /** A timeout expired: lines 57-60, 61-64 or 65-67 by its kind. */
  record TimeoutExpired(Timeout timeout) implements RoundInput {}
}
