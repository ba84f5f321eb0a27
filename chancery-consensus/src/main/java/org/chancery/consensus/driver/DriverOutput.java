package org.chancery.consensus.driver;

import java.util.List;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.votekeeper.Equivocation;
import org.chancery.core.block.CommitCertificate;

/** What the consensus core asks its node to do, in the order it asks. */
public sealed interface DriverOutput {

  /**
   * Sign and broadcast this proposal (line 19), after persisting it so a restart never proposes
   * differently in the same round; deliver it to this validator too.
   */
  record BroadcastProposal(Proposal proposal) implements DriverOutput {}

  /**
   * Sign and broadcast this vote, after persisting it so a restart never votes differently in the
   * same height, round and step; deliver it to this validator too.
   */
  record BroadcastVote(Vote vote) implements DriverOutput {}

  /** Fire {@link DriverInput.TimeoutExpired} for {@code timeout} after {@code delayMillis}. */
  record ScheduleTimeout(Timeout timeout, long delayMillis) implements DriverOutput {}

  /**
   * This validator proposes in {@code round} of {@code height} and has no value to re-propose:
   * build a block and answer with {@link DriverInput.ValueToPropose} (line 18).
   */
  record RequestValue(long height, int round) implements DriverOutput {}

  /**
   * The height is decided (line 51): commit the proposal's block with the precommits as its commit
   * certificate, then start the next height.
   *
   * @param height the height
   * @param round the round whose precommits decided it
   * @param proposal the decided proposal
   * @param commit precommits for it in that round from validators holding 2f+1 power
   */
  record Decide(long height, int round, SignedProposal proposal, List<SignedVote> commit)
      implements DriverOutput {
    public Decide {
      commit = List.copyOf(commit);
    }

    /**
     * The commit as the certificate stored with the block: the decided value is the block hash,
     * each precommit's signature covers {@code CanonicalVote.precommit} of it.
     */
    public CommitCertificate certificate() {
      return new CommitCertificate(
          height,
          round,
          proposal.proposal().value().bytes(),
          commit.stream()
              .map(v -> new CommitCertificate.CommitSignature(v.vote().validator(), v.signature()))
              .toList());
    }
  }

  /** A validator was caught voting twice; keep and report the proof. */
  record EvidenceFound(Equivocation equivocation) implements DriverOutput {}

  /**
   * An input was not acted on, and why (for metrics and logs): not for this height, from a
   * validator that is not the proposer, a stale timeout, and so on. Ignoring it is correct.
   */
  record InputIgnored(DriverInput input, String reason) implements DriverOutput {}
}
