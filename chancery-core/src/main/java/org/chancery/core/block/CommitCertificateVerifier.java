package org.chancery.core.block;

import java.util.HashSet;
import java.util.Set;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * Checks a commit certificate against a validator set with no node: every counted signature must be
 * a distinct member's valid precommit for this chain, height, round and block hash, and their power
 * must reach the quorum. Used by block sync, the SDK and offline verifiers.
 *
 * <pre>{@code
 * new CommitCertificateVerifier(suite, "chancery-local").verify(certificate, block.hash(), set);
 * }</pre>
 */
public final class CommitCertificateVerifier {
  private final CryptoSuite suite;
  private final String chainId;

  public CommitCertificateVerifier(CryptoSuite suite, String chainId) {
    this.suite = suite;
    this.chainId = chainId;
  }

  /**
   * Verifies that {@code certificate} finalises the block with hash {@code blockHash} at {@code
   * height}.
   *
   * @throws InvalidCertificateException naming the first problem
   */
  public void verify(
      CommitCertificate certificate, long height, Bytes blockHash, ValidatorSet validators) {
    if (certificate.height() != height) {
      throw new InvalidCertificateException(
          "certificate is for height " + certificate.height() + ", not " + height);
    }
    if (!certificate.blockHash().equals(blockHash)) {
      throw new InvalidCertificateException(
          "certificate is for block " + certificate.blockHash().hex() + ", not " + blockHash.hex());
    }
    byte[] message =
        CanonicalVote.precommit(chainId, certificate.height(), certificate.round(), blockHash);
    Set<String> seen = new HashSet<>();
    long power = 0;
    for (CommitCertificate.CommitSignature s : certificate.signatures()) {
      ValidatorSet.Validator v =
          validators
              .find(s.validator())
              .orElseThrow(
                  () ->
                      new InvalidCertificateException(
                          "certificate is signed by '" + s.validator() + "', not a validator"));
      if (!seen.add(v.name())) {
        throw new InvalidCertificateException(
            "certificate counts validator '" + v.name() + "' twice");
      }
      if (!suite.verify(v.publicKey(), message, s.signature().toArray())) {
        throw new InvalidCertificateException(
            "precommit signature of validator '" + v.name() + "' does not verify");
      }
      power += v.power();
    }
    if (power < validators.quorumPower()) {
      throw new InvalidCertificateException(
          "certificate carries power "
              + power
              + " of "
              + validators.totalPower()
              + "; a quorum needs "
              + validators.quorumPower());
    }
  }
}
