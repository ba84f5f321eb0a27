package org.chancery.consensus.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.CanonicalVote;
import org.chancery.core.block.ValidatorSet;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageSigningTest {
  private static final String CHAIN = "chancery-test";
  private static final ValueId BLOCK = new ValueId(Bytes.fromHex("11".repeat(32)));
  private static final ValueId OTHER = new ValueId(Bytes.fromHex("22".repeat(32)));

  private final CryptoSuite suite = CryptoSuite.byName("sm");
  private final EcKeyPair keysA = suite.generateKeyPair();
  private final EcKeyPair keysB = suite.generateKeyPair();
  private final ValidatorSet validators =
      new ValidatorSet(
          List.of(
              new ValidatorSet.Validator("a", "org1", keysA.publicKey(), 1),
              new ValidatorSet.Validator("b", "org2", keysB.publicKey(), 1)));
  private final MessageSigner signerA = new MessageSigner(suite, CHAIN, "a", keysA.privateKey());
  private final MessageVerifier verifier = new MessageVerifier(suite, CHAIN, validators);

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void aSignedVoteVerifiesWithEitherSuite(String suiteName) {
    CryptoSuite s = CryptoSuite.byName(suiteName);
    EcKeyPair keys = s.generateKeyPair();
    ValidatorSet set =
        new ValidatorSet(List.of(new ValidatorSet.Validator("a", "org1", keys.publicKey(), 1)));
    SignedVote vote =
        new MessageSigner(s, CHAIN, "a", keys.privateKey()).sign(Vote.prevote(3, 1, BLOCK, "a"));

    assertThat(new MessageVerifier(s, CHAIN, set).check(vote)).isEmpty();
  }

  @Test
  void theSignatureCoversTheCanonicalVoteBytes() {
    SignedVote vote = signerA.sign(Vote.precommit(3, 1, BLOCK, "a"));

    byte[] canonical = CanonicalVote.precommit(CHAIN, 3, 1, BLOCK.bytes());
    assertThat(suite.verify(keysA.publicKey(), canonical, vote.signature().toArray())).isTrue();
  }

  @Test
  void aNilVoteVerifies() {
    assertThat(verifier.verifies(signerA.sign(Vote.prevote(3, 0, null, "a")))).isTrue();
  }

  @Test
  void aVoteWithAnyFieldChangedDoesNotVerify() {
    SignedVote vote = signerA.sign(Vote.prevote(3, 1, BLOCK, "a"));
    Bytes sig = vote.signature();

    assertThat(verifier.verifies(new SignedVote(Vote.prevote(3, 1, OTHER, "a"), sig))).isFalse();
    assertThat(verifier.verifies(new SignedVote(Vote.prevote(3, 1, null, "a"), sig))).isFalse();
    assertThat(verifier.verifies(new SignedVote(Vote.prevote(4, 1, BLOCK, "a"), sig))).isFalse();
    assertThat(verifier.verifies(new SignedVote(Vote.prevote(3, 2, BLOCK, "a"), sig))).isFalse();
    assertThat(verifier.verifies(new SignedVote(Vote.precommit(3, 1, BLOCK, "a"), sig))).isFalse();
    assertThat(verifier.check(new SignedVote(Vote.prevote(3, 1, BLOCK, "b"), sig)))
        .contains("signature of 'b' does not verify");
  }

  @Test
  void aVoteSignedForAnotherChainDoesNotVerify() {
    SignedVote vote =
        new MessageSigner(suite, "other-chain", "a", keysA.privateKey())
            .sign(Vote.prevote(3, 1, BLOCK, "a"));

    assertThat(verifier.verifies(vote)).isFalse();
  }

  @Test
  void aVoteFromOutsideTheValidatorSetIsNamed() {
    SignedVote vote =
        new MessageSigner(suite, CHAIN, "mallory", keysA.privateKey())
            .sign(Vote.prevote(3, 1, BLOCK, "mallory"));

    assertThat(verifier.check(vote)).contains("'mallory' is not a validator");
  }

  @Test
  void garbageSignatureBytesDoNotVerify() {
    SignedVote vote = new SignedVote(Vote.prevote(3, 1, BLOCK, "a"), Bytes.fromHex("00ff"));

    assertThat(verifier.check(vote)).contains("signature of 'a' does not verify");
  }

  @Test
  void aSignerSignsOnlyItsOwnMessages() {
    assertThatThrownBy(() -> signerA.sign(Vote.prevote(3, 1, BLOCK, "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot sign a message of 'b'");
    assertThatThrownBy(() -> signerA.sign(new Proposal(3, 1, BLOCK, -1, "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProposalVerifiesAndBindsItsValidRound() {
    SignedProposal proposal = signerA.sign(new Proposal(3, 2, BLOCK, 1, "a"));

    assertThat(verifier.check(proposal)).isEmpty();
    SignedProposal relabelled =
        new SignedProposal(new Proposal(3, 2, BLOCK, -1, "a"), proposal.signature());
    assertThat(verifier.verifies(relabelled)).isFalse();
    SignedProposal otherBlock =
        new SignedProposal(new Proposal(3, 2, OTHER, 1, "a"), proposal.signature());
    assertThat(verifier.verifies(otherBlock)).isFalse();
  }

  @Test
  void aProposalSignatureIsNotAVoteSignature() {
    SignedProposal proposal = signerA.sign(new Proposal(3, 2, BLOCK, -1, "a"));

    SignedVote asVote = new SignedVote(Vote.prevote(3, 2, BLOCK, "a"), proposal.signature());
    assertThat(verifier.verifies(asVote)).isFalse();
  }
}
