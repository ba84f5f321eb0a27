package org.chancery.core.state;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.crypto.CryptoSuite;

/**
 * Checks a {@link StateProof} with no node: recomputes the path from what the proof says the key's
 * position holds up to the root, and compares with a state root the caller trusts (from a block
 * header whose commit certificate it has verified). It never throws for a bad proof; it returns a
 * {@link Result} that names the first problem.
 *
 * <pre>{@code
 * StateProofVerifier.Result r =
 *     StateProofVerifier.verify(suite, header, "licence", "L-42", Optional.of(expected), proof);
 * if (!r.valid()) {
 *   throw new IllegalStateException("state proof rejected: " + r.reason());
 * }
 * }</pre>
 *
 * The algorithm, for a verifier written elsewhere (definitions in {@link StateTreeHashing}):
 *
 * <ol>
 *   <li>the proof's contract and key are the ones asked about; its root is the trusted root;
 *   <li>{@code k = keyHash(contract, key)}; {@code n = siblings.size() <= 256}; every hash is 32
 *       bytes;
 *   <li>the terminal: with a value, {@code t = leafHash(k, H(value))} and the value must be the
 *       expected one; with another key's leaf {@code (k', v')}, {@code k' != k}, {@code k'} must
 *       share the first {@code n} bits of {@code k}, and {@code t = leafHash(k', v')}; otherwise
 *       {@code t = EMPTY}; absence must be what was expected;
 *   <li>for {@code i} from {@code n - 1} down to 0: {@code t = internalHash(t, siblings[i])} if bit
 *       {@code i} of {@code k} is 0, else {@code internalHash(siblings[i], t)};
 *   <li>the proof holds if {@code t} equals the root.
 * </ol>
 */
public final class StateProofVerifier {

  private StateProofVerifier() {}

  /**
   * Verifies {@code proof} against the state root of {@code header}: the proof must be for the
   * header's height, and show that {@code (contract, key)} holds {@code expectedValue} (present) or
   * nothing (empty).
   */
  public static Result verify(
      CryptoSuite suite,
      BlockHeader header,
      String contract,
      String key,
      Optional<byte[]> expectedValue,
      StateProof proof) {
    if (proof == null) {
      return Result.rejected("no proof");
    }
    if (proof.height() != header.height()) {
      return Result.rejected(
          "proof is for the state at height "
              + proof.height()
              + " but the header is at height "
              + header.height());
    }
    return verify(suite, header.stateRoot(), contract, key, expectedValue, proof);
  }

  /**
   * Verifies {@code proof} against {@code stateRoot}: it must show that {@code (contract, key)}
   * holds {@code expectedValue} (present) or nothing (empty). The caller is responsible for taking
   * {@code stateRoot} from the header at {@link StateProof#height()}; prefer {@link
   * #verify(CryptoSuite, BlockHeader, String, String, Optional, StateProof)}, which checks that
   * too.
   */
  public static Result verify(
      CryptoSuite suite,
      Bytes stateRoot,
      String contract,
      String key,
      Optional<byte[]> expectedValue,
      StateProof proof) {
    if (proof == null) {
      return Result.rejected("no proof");
    }
    if (!proof.contract().equals(contract) || !proof.key().equals(key)) {
      return Result.rejected(
          "proof is about "
              + proof.contract()
              + "/"
              + proof.key()
              + ", not "
              + contract
              + "/"
              + key);
    }
    if (!proof.root().equals(stateRoot)) {
      return Result.rejected(
          "proof is against root " + proof.root().hex() + ", not the trusted " + stateRoot.hex());
    }
    int hashLength = StateTreeHashing.HASH_LENGTH;
    if (suite.hashLength() != hashLength || stateRoot.length() != hashLength) {
      return Result.rejected("the state root must be a 32-byte hash");
    }
    List<Bytes> siblings = proof.siblings();
    int n = siblings.size();
    if (n > StateTreeHashing.KEY_BITS) {
      return Result.rejected("proof has " + n + " siblings; a path has at most 256");
    }
    for (int i = 0; i < n; i++) {
      if (siblings.get(i).length() != hashLength) {
        return Result.rejected("sibling " + i + " is not a 32-byte hash");
      }
    }
    byte[] k = StateTreeHashing.keyHash(suite, contract, key);
    CryptoSuite.Hasher hasher = suite.newHasher();
    byte[] node;
    Bytes leafKey = proof.leafKeyHash();
    Bytes leafValue = proof.leafValueHash();
    if (proof.value() != null) {
      if (leafKey != null || leafValue != null) {
        return Result.rejected("proof has both a value and another key's leaf");
      }
      byte[] value = proof.value().toArray();
      if (expectedValue.isEmpty()) {
        return Result.rejected("proof shows the key present, but it was expected to be absent");
      }
      if (!Arrays.equals(expectedValue.get(), value)) {
        return Result.rejected("proof shows a different value than the expected one");
      }
      node = StateTreeHashing.leafHash(hasher, k, StateTreeHashing.valueHash(suite, value));
    } else if (leafKey == null && leafValue == null) {
      if (expectedValue.isPresent()) {
        return Result.rejected("proof shows the key absent, but a value was expected");
      }
      node = StateTreeHashing.emptyHash().toArray();
    } else if (leafKey != null && leafValue != null) {
      if (expectedValue.isPresent()) {
        return Result.rejected("proof shows the key absent, but a value was expected");
      }
      if (leafKey.length() != hashLength || leafValue.length() != hashLength) {
        return Result.rejected("leafKeyHash and leafValueHash must be 32-byte hashes");
      }
      byte[] other = leafKey.toArray();
      if (Arrays.equals(other, k)) {
        return Result.rejected(
            "proof ends in the key's own leaf but claims absence; a present key needs its value");
      }
      if (StateTreeHashing.commonPrefixBits(other, k) < n) {
        return Result.rejected(
            "the leaf the proof ends in is not on the key's path (it shares fewer than "
                + n
                + " leading bits with the key hash)");
      }
      node = StateTreeHashing.leafHash(hasher, other, leafValue.toArray());
    } else {
      return Result.rejected("leafKeyHash and leafValueHash must both be set or both be absent");
    }
    for (int i = n - 1; i >= 0; i--) {
      byte[] sibling = siblings.get(i).toArray();
      node =
          StateTreeHashing.bit(k, i) == 0
              ? StateTreeHashing.internalHash(hasher, node, sibling)
              : StateTreeHashing.internalHash(hasher, sibling, node);
    }
    if (!Arrays.equals(node, stateRoot.toArray())) {
      return Result.rejected("the path does not hash to the state root");
    }
    return Result.VALID;
  }

  /**
   * The outcome of a verification.
   *
   * @param valid whether the proof holds
   * @param reason why it was rejected; empty when valid
   */
  public record Result(boolean valid, String reason) {
    static final Result VALID = new Result(true, "");

    static Result rejected(String reason) {
      return new Result(false, reason);
    }
  }
}
