package org.chancery.core.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.chancery.crypto.CryptoSuite;

/**
 * An RFC 6962 / RFC 9162 Merkle tree over a list of leaves, hashed with a chain's {@link
 * CryptoSuite}: the tree behind a block header's {@code tx_root} and {@code receipt_root}.
 *
 * <pre>
 * MTH({})      = HASH()
 * MTH({d0})    = HASH(0x00 || d0)                          leaf
 * MTH(D[n])    = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))   node, k = largest power of two &lt; n
 * </pre>
 *
 * <p>{@link #of} hashes every leaf once and every inner node once ({@code n} leaf hashes and {@code
 * n - 1} node hashes), keeps all levels, and then answers {@link #root()} and {@link #proof(int)}
 * for any number of leaves without hashing again. It builds the levels bottom-up: a level's last
 * node without a right sibling moves up unchanged, which yields exactly the tree of the recursive
 * definition above.
 *
 * <p>Instances are immutable and thread-safe; every byte array they return is a fresh copy.
 */
public final class MerkleTree {

  /** Domain separation prefixes (RFC 6962 section 2.1): no leaf can pose as an inner node. */
  static final byte LEAF_PREFIX = 0x00;

  static final byte NODE_PREFIX = 0x01;

  private final int hashLength;
  private final int size;

  /**
   * {@code levels[0]} holds the leaf hashes, {@code levels[levels.length - 1]} the root; level
   * {@code k} holds {@code ceil(size / 2^k)} hashes of {@code hashLength} bytes each, back to back.
   */
  private final byte[][] levels;

  private MerkleTree(int hashLength, int size, byte[][] levels) {
    this.hashLength = hashLength;
    this.size = size;
    this.levels = levels;
  }

  /**
   * Builds the tree of {@code leaves}, each leaf being the exact bytes it commits to (an encoded
   * transaction or receipt). The list and its arrays are read once and not kept.
   *
   * @throws NullPointerException if the suite, the list or any leaf is null
   * @throws IllegalArgumentException if there are more leaves than fit in memory as one level
   *     (about 67 million for 32-byte hashes)
   */
  public static MerkleTree of(CryptoSuite suite, List<byte[]> leaves) {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(leaves, "leaves");
    int h = suite.hashLength();
    int n = leaves.size();
    if (n > Integer.MAX_VALUE / h) {
      throw new IllegalArgumentException(
          "a Merkle tree holds at most " + Integer.MAX_VALUE / h + " leaves, not " + n);
    }
    if (n == 0) {
      return new MerkleTree(h, 0, new byte[][] {suite.hash(new byte[0])});
    }
    CryptoSuite.Hasher hasher = suite.newHasher();
    List<byte[]> levels = new ArrayList<>();
    byte[] level = new byte[n * h];
    for (int i = 0; i < n; i++) {
      byte[] leaf = leaves.get(i);
      if (leaf == null) {
        throw new NullPointerException("leaf " + i + " is null");
      }
      System.arraycopy(hashLeaf(hasher, leaf), 0, level, i * h, h);
    }
    levels.add(level);
    for (int count = n; count > 1; count = (count + 1) / 2) {
      byte[] parents = new byte[(count + 1) / 2 * h];
      for (int j = 0; j < count / 2; j++) {
        // Left and right child lie next to each other: hash the 2h bytes in one update.
        byte[] digest =
            hasher.update(new byte[] {NODE_PREFIX}).update(level, 2 * j * h, 2 * h).digest();
        System.arraycopy(digest, 0, parents, j * h, h);
      }
      if (count % 2 == 1) {
        // The last node has no sibling: the RFC's split at a power of two makes it the root of a
        // right subtree on its own up to some higher level, so it moves up unchanged.
        System.arraycopy(level, (count - 1) * h, parents, (count / 2) * h, h);
      }
      levels.add(parents);
      level = parents;
    }
    return new MerkleTree(h, n, levels.toArray(new byte[0][]));
  }

  /**
   * The Merkle Tree Hash of {@code leaves}; {@code HASH()} for no leaves. Takes {@code 2n - 1}
   * hashes.
   */
  public static byte[] root(CryptoSuite suite, List<byte[]> leaves) {
    return of(suite, leaves).root();
  }

  /**
   * The audit path of the leaf at {@code index} (RFC 9162 section 2.1.3.1). To serve several proofs
   * of one list, build the tree once with {@link #of} and call {@link #proof(int)}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, leaves.size())}
   */
  public static MerkleProof inclusionProof(CryptoSuite suite, List<byte[]> leaves, int index) {
    return of(suite, leaves).proof(index);
  }

  /** {@code HASH(0x00 || leaf)}: the hash of a leaf as it enters the tree. */
  public static byte[] leafHash(CryptoSuite suite, byte[] leaf) {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(leaf, "leaf");
    return hashLeaf(suite.newHasher(), leaf);
  }

  static byte[] hashLeaf(CryptoSuite.Hasher hasher, byte[] leaf) {
    return hasher.update(new byte[] {LEAF_PREFIX}).update(leaf).digest();
  }

  static byte[] hashChildren(CryptoSuite.Hasher hasher, byte[] left, byte[] right) {
    return hasher.update(new byte[] {NODE_PREFIX}).update(left).update(right).digest();
  }

  /** The number of leaves. */
  public int size() {
    return size;
  }

  /** The Merkle Tree Hash of all leaves. */
  public byte[] root() {
    return levels[levels.length - 1].clone();
  }

  /**
   * The audit path of the leaf at {@code index}: the sibling hashes from the leaf up to the root,
   * at most {@code ceil(log2(size))} of them. A node without a sibling on its level (the last node
   * of a level of odd length) contributes nothing, since RFC 6962 moves it up unchanged.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public MerkleProof proof(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(
          "leaf index " + index + " is outside a Merkle tree of " + size + " leaves");
    }
    List<byte[]> path = new ArrayList<>();
    int position = index;
    for (int k = 0; k < levels.length - 1; k++) {
      int sibling = position ^ 1;
      if (sibling < levels[k].length / hashLength) {
        int from = sibling * hashLength;
        path.add(Arrays.copyOfRange(levels[k], from, from + hashLength));
      }
      position >>>= 1;
    }
    return new MerkleProof(index, size, path);
  }
}
