package org.chancery.consensus.round;

import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;

/** What one step of the round state machine asks its driver to do. */
public sealed interface RoundOutput {

  /** Broadcast this proposal (line 19). */
  record BroadcastProposal(Proposal proposal) implements RoundOutput {}

  /** Broadcast this prevote or precommit. */
  record BroadcastVote(Vote vote) implements RoundOutput {}

  /** Schedule this timeout (lines 21, 35, 48). */
  record ScheduleTimeout(Timeout timeout) implements RoundOutput {}

  /**
   * Ask the application for a value to propose in this height and round ({@code getValue()}, line
   * 18) and schedule the propose timeout, so the round moves on if no value comes.
   */
  record RequestValue(long height, int round, Timeout timeout) implements RoundOutput {}

  /** {@code decision_p[h_p] = v} (line 51): the value was decided in {@code round}. */
  record Decide(int round, ValueId value) implements RoundOutput {}

  /**
   * Start round {@code round}: the driver answers with {@link RoundInput.NewRound} or {@link
   * RoundInput.NewRoundAsProposer} (StartRound at lines 56 and 67).
   */
  record EnterRound(int round) implements RoundOutput {}
}
