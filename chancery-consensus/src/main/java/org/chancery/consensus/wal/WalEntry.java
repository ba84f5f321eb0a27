package org.chancery.consensus.wal;

import java.util.List;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;

/** One record of the consensus write-ahead log: something this validator signed. */
public sealed interface WalEntry {

  long height();

  int round();

  /** A proposal this validator signed. */
  record ProposalSigned(SignedProposal proposal) implements WalEntry {
    @Override
    public long height() {
      return proposal.proposal().height();
    }

    @Override
    public int round() {
      return proposal.proposal().round();
    }
  }

  /** A prevote or precommit this validator signed. */
  record VoteSigned(SignedVote vote) implements WalEntry {
    @Override
    public long height() {
      return vote.vote().height();
    }

    @Override
    public int round() {
      return vote.vote().round();
    }
  }

  /**
   * The 2f+1 prevotes for a value that made this validator lock on it (Algorithm 1 line 36),
   * written before the precommit they justify. After a restart the validator feeds them back to its
   * driver, so it can restore its lock and show others why it holds it.
   *
   * @param height the height
   * @param round the round of the polka
   * @param prevotes the prevotes for the value in that round
   */
  record ProofOfLock(long height, int round, List<SignedVote> prevotes) implements WalEntry {
    public ProofOfLock {
      prevotes = List.copyOf(prevotes);
    }
  }
}
