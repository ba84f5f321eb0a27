package org.chancery.node.bft;

import java.util.Objects;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.core.block.Block;

/** A decoded message of the consensus channel. */
sealed interface WireMessage {

  /** A signed proposal and the block it proposes (the block's hash is the proposal's value). */
  record ProposalMessage(SignedProposal proposal, Block block) implements WireMessage {
    public ProposalMessage {
      Objects.requireNonNull(proposal, "proposal");
      Objects.requireNonNull(block, "block");
    }
  }

  /** A signed prevote or precommit. */
  record VoteMessage(SignedVote vote) implements WireMessage {
    public VoteMessage {
      Objects.requireNonNull(vote, "vote");
    }
  }

  /**
   * Where the sender is.
   *
   * @param committedHeight its latest committed block
   * @param height the height it is deciding
   * @param round its round there
   * @param hasProposal whether it holds the proposal of that round
   */
  record StatusMessage(long committedHeight, long height, int round, boolean hasProposal)
      implements WireMessage {}
}
