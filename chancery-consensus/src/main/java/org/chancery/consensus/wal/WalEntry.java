package org.chancery.consensus.wal;

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
}
