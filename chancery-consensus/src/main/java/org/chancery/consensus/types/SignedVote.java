package org.chancery.consensus.types;

import java.util.Objects;
import org.chancery.core.Bytes;

/**
 * A vote with its validator's signature over {@link org.chancery.core.block.CanonicalVote#encode}
 * of the vote ({@link MessageSigner}). The consensus core only accepts signed votes whose signature
 * the node has already checked ({@link MessageVerifier}); it keeps the signature so that a decision
 * carries its commit certificate and an equivocation carries its proof.
 *
 * @param vote the vote
 * @param signature the signature bytes
 */
public record SignedVote(Vote vote, Bytes signature) implements ConsensusMessage {

  public SignedVote {
    Objects.requireNonNull(vote, "vote");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public long height() {
    return vote.height();
  }

  @Override
  public int round() {
    return vote.round();
  }

  @Override
  public String sender() {
    return vote.validator();
  }
}
