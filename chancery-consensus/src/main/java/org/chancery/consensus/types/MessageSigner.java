package org.chancery.consensus.types;

import java.util.Objects;
import org.chancery.core.Bytes;
import org.chancery.core.block.CanonicalVote;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPrivateKey;

/**
 * Signs a validator's own proposals and votes with its identity key, over the exact bytes of {@link
 * CanonicalVote} for the chain. The signature covers chain id, step, height, round, block hash or
 * nil, and for a proposal its valid round: it cannot be replayed for another chain, step, height,
 * round or block.
 *
 * <pre>{@code
 * MessageSigner signer = new MessageSigner(suite, "chancery-local", "node1", keys.privateKey());
 * SignedVote v = signer.sign(Vote.prevote(7, 0, blockId, "node1"));
 * }</pre>
 */
public final class MessageSigner {
  private final CryptoSuite suite;
  private final String chainId;
  private final String validator;
  private final EcPrivateKey key;

  /**
   * @param suite the chain's crypto suite
   * @param chainId the chain id from the genesis
   * @param validator the name of the validator that owns {@code key}
   * @param key its identity key
   */
  public MessageSigner(CryptoSuite suite, String chainId, String validator, EcPrivateKey key) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * Signs a vote of this validator.
   *
   * @throws IllegalArgumentException if the vote names another validator
   */
  public SignedVote sign(Vote vote) {
    requireOwn(vote.validator());
    return new SignedVote(vote, Bytes.of(suite.sign(key, signedBytes(chainId, vote))));
  }

  /**
   * Signs a proposal of this validator.
   *
   * @throws IllegalArgumentException if the proposal names another proposer
   */
  public SignedProposal sign(Proposal proposal) {
    requireOwn(proposal.proposer());
    return new SignedProposal(proposal, Bytes.of(suite.sign(key, signedBytes(chainId, proposal))));
  }

  private void requireOwn(String name) {
    if (!name.equals(validator)) {
      throw new IllegalArgumentException(
          "validator '" + validator + "' cannot sign a message of '" + name + "'");
    }
  }

  /** The exact bytes a vote's signature covers. */
  public static byte[] signedBytes(String chainId, Vote vote) {
    CanonicalVote.Step step =
        switch (vote.type()) {
          case PREVOTE -> CanonicalVote.Step.PREVOTE;
          case PRECOMMIT -> CanonicalVote.Step.PRECOMMIT;
        };
    return CanonicalVote.encode(
        chainId, step, vote.height(), vote.round(), vote.value().map(ValueId::bytes).orElse(null));
  }

  /** The exact bytes a proposal's signature covers. */
  public static byte[] signedBytes(String chainId, Proposal proposal) {
    return CanonicalVote.proposal(
        chainId,
        proposal.height(),
        proposal.round(),
        proposal.validRound(),
        proposal.value().bytes());
  }
}
