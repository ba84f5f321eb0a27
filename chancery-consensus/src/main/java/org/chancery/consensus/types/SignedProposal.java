package org.chancery.consensus.types;

import java.util.Objects;
import org.chancery.core.Bytes;

/**
 * A proposal with its proposer's signature over {@link
 * org.chancery.core.block.CanonicalVote#proposal} ({@link MessageSigner}).
 *
 * @param proposal the proposal
 * @param signature the signature bytes
 */
public record SignedProposal(Proposal proposal, Bytes signature) implements ConsensusMessage {

  public SignedProposal {
    Objects.requireNonNull(proposal, "proposal");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public long height() {
    return proposal.height();
  }

  @Override
  public int round() {
    return proposal.round();
  }

  @Override
  public String sender() {
    return proposal.proposer();
  }
}
