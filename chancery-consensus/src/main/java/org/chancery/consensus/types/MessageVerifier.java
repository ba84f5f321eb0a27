package org.chancery.consensus.types;

import java.util.Objects;
import java.util.Optional;
import org.chancery.core.block.ValidatorSet;
import org.chancery.crypto.CryptoSuite;

/**
 * Checks the signature of an incoming proposal or vote against the validator set before the node
 * hands it to the consensus core, which trusts what it is given. Stateless and thread-safe, so a
 * node may verify many messages in parallel.
 *
 * <pre>{@code
 * MessageVerifier verifier = new MessageVerifier(suite, "chancery-local", validators);
 * Optional<String> problem = verifier.check(message);   // empty when it verifies
 * }</pre>
 */
public final class MessageVerifier {
  private final CryptoSuite suite;
  private final String chainId;
  private final ValidatorSet validators;

  public MessageVerifier(CryptoSuite suite, String chainId, ValidatorSet validators) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.validators = Objects.requireNonNull(validators, "validators");
  }

  /**
   * Why {@code message} must not be counted, or empty if it is signed by the validator it names.
   */
  public Optional<String> check(ConsensusMessage message) {
    Optional<ValidatorSet.Validator> signer = validators.find(message.sender());
    if (signer.isEmpty()) {
      return Optional.of("'" + message.sender() + "' is not a validator");
    }
    byte[] signed =
        switch (message) {
          case SignedVote v -> MessageSigner.signedBytes(chainId, v.vote());
          case SignedProposal p -> MessageSigner.signedBytes(chainId, p.proposal());
        };
    // The suites answer false for a signature that does not even parse.
    boolean valid = suite.verify(signer.get().publicKey(), signed, message.signature().toArray());
    return valid
        ? Optional.empty()
        : Optional.of("signature of '" + message.sender() + "' does not verify");
  }

  /** True if {@code message} is signed by the validator it names. */
  public boolean verifies(ConsensusMessage message) {
    return check(message).isEmpty();
  }
}
