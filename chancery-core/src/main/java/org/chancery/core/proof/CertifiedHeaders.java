package org.chancery.core.proof;

import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.CommitCertificateVerifier;
import org.chancery.core.block.InvalidCertificateException;
import org.chancery.core.block.MalformedBlockException;
import org.chancery.core.block.ValidatorSet;
import org.chancery.crypto.CryptoSuite;

/**
 * Checks that a block header is final on a chain: it is for that chain and validator set, and its
 * commit certificate carries a quorum of valid precommits for its exact bytes. The first step of
 * every offline proof.
 */
public final class CertifiedHeaders {
  private final CryptoSuite suite;
  private final String chainId;
  private final ValidatorSet validators;

  public CertifiedHeaders(CryptoSuite suite, String chainId, ValidatorSet validators) {
    this.suite = suite;
    this.chainId = chainId;
    this.validators = validators;
  }

  public CryptoSuite suite() {
    return suite;
  }

  /**
   * Decodes and checks a header against its certificate.
   *
   * @throws InvalidProofException naming the first failed check
   */
  public BlockHeader verify(Bytes headerBytes, Bytes certificateBytes) {
    BlockHeader header;
    CommitCertificate certificate;
    try {
      header = BlockHeader.decode(headerBytes.toArray());
      certificate = CommitCertificate.decode(certificateBytes.toArray());
    } catch (MalformedBlockException e) {
      throw new InvalidProofException(
          "proof holds an undecodable header or certificate: " + e.getMessage(), e);
    }
    if (!header.chainId().equals(chainId)) {
      throw new InvalidProofException(
          "header is for chain '" + header.chainId() + "', not '" + chainId + "'");
    }
    if (!header.validatorSetHash().equals(validators.hash(suite))) {
      throw new InvalidProofException(
          "header names a validator set other than the one this verifier trusts");
    }
    Bytes blockHash = Bytes.of(suite.hash(headerBytes.toArray()));
    try {
      new CommitCertificateVerifier(suite, chainId)
          .verify(certificate, header.height(), blockHash, validators);
    } catch (InvalidCertificateException e) {
      throw new InvalidProofException("block is not certified: " + e.getMessage(), e);
    }
    return header;
  }
}
