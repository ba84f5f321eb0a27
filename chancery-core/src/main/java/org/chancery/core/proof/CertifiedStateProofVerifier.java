package org.chancery.core.proof;

import java.util.Optional;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.state.StateProofVerifier;
import org.chancery.crypto.CryptoSuite;

/**
 * Checks a {@link CertifiedStateProof} with nothing but the genesis: the header is final, and the
 * key holds the claimed value (or nothing) in the state it commits to.
 *
 * <pre>{@code
 * BlockHeader at = CertifiedStateProofVerifier.forGenesis(genesis)
 *     .verify(proof, "kv", "permit/1", Optional.of(valueBytes));
 * }</pre>
 */
public final class CertifiedStateProofVerifier {
  private final CertifiedHeaders headers;

  public CertifiedStateProofVerifier(CertifiedHeaders headers) {
    this.headers = headers;
  }

  public static CertifiedStateProofVerifier forGenesis(Genesis genesis) {
    return new CertifiedStateProofVerifier(
        new CertifiedHeaders(
            CryptoSuite.byName(genesis.suite()), genesis.chainId(), genesis.validatorSet()));
  }

  /**
   * Verifies that {@code (contract, key)} holds {@code expected} (or nothing, when empty).
   *
   * @return the certified header the proof is anchored in
   * @throws InvalidProofException naming the failed check
   */
  public BlockHeader verify(
      CertifiedStateProof proof, String contract, String key, Optional<byte[]> expected) {
    BlockHeader header = headers.verify(proof.header(), proof.certificate());
    StateProofVerifier.Result result =
        StateProofVerifier.verify(headers.suite(), header, contract, key, expected, proof.proof());
    if (!result.valid()) {
      throw new InvalidProofException("state proof does not verify: " + result.reason());
    }
    return header;
  }
}
