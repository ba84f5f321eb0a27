package org.chancery.core.state;

import java.nio.charset.StandardCharsets;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * The definition of the world-state tree: how keys are placed and how every node is hashed. The
 * node's {@code SparseMerkleState} builds this tree and {@link StateProofVerifier} checks paths in
 * it; a verifier in another language needs only what this page says and the chain's hash ({@code
 * H}: SM3 for the {@code sm} suite, SHA-256 for {@code nist}, both 32 bytes).
 *
 * <h2>Keys</h2>
 *
 * A state entry is a contract name, a key in that contract's namespace, and a value (any bytes,
 * possibly empty). Its position is the 256-bit <em>key hash</em>
 *
 * <pre>keyHash = H(UTF-8(contract) || 0x00 || UTF-8(key))</pre>
 *
 * read as a bit string, most significant bit of byte 0 first: bit {@code i} is {@code (keyHash[i /
 * 8] >> (7 - i % 8)) & 1}. Bit 0 chooses the root's child (0 = left, 1 = right), bit 1 the
 * grandchild, and so on. Contract names never contain NUL, so the encoding is unambiguous.
 *
 * <h2>The tree</h2>
 *
 * The hash of the subtree that holds the set {@code S} of entries whose key hashes share the first
 * {@code d} bits (the node at depth {@code d} on that prefix) is
 *
 * <pre>
 * hash(S, d) = EMPTY                                           if S is empty
 *            = leafHash(keyHash, valueHash)                    if S holds exactly one entry
 *            = internalHash(hash(S0, d + 1), hash(S1, d + 1))  otherwise, where S0 / S1 are the
 *                                                              entries whose bit d is 0 / 1
 *
 * EMPTY                = 32 zero bytes
 * valueHash            = H(value)
 * leafHash(k, v)       = H(0x00 || k || v)        (1 + 32 + 32 bytes hashed)
 * internalHash(l, r)   = H(0x01 || l || r)        (1 + 32 + 32 bytes hashed)
 * </pre>
 *
 * and the <em>state root</em> is {@code hash(all entries, 0)}; the empty state's root is {@code
 * EMPTY}. So a leaf sits at the shortest prefix that no other key shares (path compression), an
 * empty subtree costs nothing, and an internal node with one empty child remains wherever two keys
 * share a longer prefix. The root depends only on the set of entries: not on the order they were
 * written in, nor on how writes were grouped into blocks. The {@code 0x00}/{@code 0x01} prefixes
 * keep a leaf from posing as an internal node or the reverse; the leaf hash binds the full key hash
 * so a leaf cannot be moved to another position.
 *
 * <p>Two distinct keys with the same key hash would be a collision of {@code H}; the tree does not
 * store them.
 */
public final class StateTreeHashing {
  /** Length in bytes of every hash in the tree, for both suites. */
  public static final int HASH_LENGTH = 32;

  /** Key hashes have this many bits, so a path has at most this many steps. */
  public static final int KEY_BITS = 256;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte INTERNAL_PREFIX = 0x01;
  private static final Bytes EMPTY = Bytes.of(new byte[HASH_LENGTH]);

  private StateTreeHashing() {}

  /** The hash of an empty subtree, and the root of the empty state: 32 zero bytes. */
  public static Bytes emptyHash() {
    return EMPTY;
  }

  /** True if {@code hash} is the empty-subtree hash. */
  public static boolean isEmptyHash(byte[] hash) {
    if (hash.length != HASH_LENGTH) {
      return false;
    }
    for (byte b : hash) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code UTF-8(contract) || 0x00 || UTF-8(key)}: the bytes whose hash places an entry. */
  public static byte[] encodeKey(String contract, String key) {
    byte[] c = contract.getBytes(StandardCharsets.UTF_8);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[c.length + 1 + k.length];
    System.arraycopy(c, 0, out, 0, c.length);
    System.arraycopy(k, 0, out, c.length + 1, k.length);
    return out;
  }

  /** {@code H(UTF-8(contract) || 0x00 || UTF-8(key))}. */
  public static byte[] keyHash(CryptoSuite suite, String contract, String key) {
    return suite.hash(encodeKey(contract, key));
  }

  /** {@code H(value)}. */
  public static byte[] valueHash(CryptoSuite suite, byte[] value) {
    return suite.hash(value);
  }

  /** {@code H(0x00 || keyHash || valueHash)}. */
  public static byte[] leafHash(CryptoSuite.Hasher hasher, byte[] keyHash, byte[] valueHash) {
    return hasher.update(new byte[] {LEAF_PREFIX}).update(keyHash).update(valueHash).digest();
  }

  /** {@code H(0x00 || keyHash || valueHash)}. */
  public static byte[] leafHash(CryptoSuite suite, byte[] keyHash, byte[] valueHash) {
    return leafHash(suite.newHasher(), keyHash, valueHash);
  }

  /** {@code H(0x01 || left || right)}. */
  public static byte[] internalHash(CryptoSuite.Hasher hasher, byte[] left, byte[] right) {
    return hasher.update(new byte[] {INTERNAL_PREFIX}).update(left).update(right).digest();
  }

  /** {@code H(0x01 || left || right)}. */
  public static byte[] internalHash(CryptoSuite suite, byte[] left, byte[] right) {
    return internalHash(suite.newHasher(), left, right);
  }

  /** Bit {@code index} (0 = most significant bit of byte 0) of a key hash: 0 = left, 1 = right. */
  public static int bit(byte[] keyHash, int index) {
    return (keyHash[index >>> 3] >>> (7 - (index & 7))) & 1;
  }

  /** Number of leading bits {@code a} and {@code b} (key hashes) have in common, up to 256. */
  public static int commonPrefixBits(byte[] a, byte[] b) {
    for (int i = 0; i < HASH_LENGTH; i++) {
      int diff = (a[i] ^ b[i]) & 0xff;
      if (diff != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(diff) - 24;
      }
    }
    return KEY_BITS;
  }
}
