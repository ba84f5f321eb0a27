package org.chancery.core.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An inclusion proof: the claim that some leaf sits at {@code index} in a Merkle tree of {@code
 * treeSize} leaves, with the audit path that lets anyone recompute the root (RFC 9162 section
 * 2.1.3).
 *
 * <p>A proof is only a claim: the record checks nothing but that the path and its hashes are not
 * null, so that a proof decoded from an untrusted source can always be built and handed to {@link
 * MerkleProofVerifier}, which decides. It is immutable: the constructor copies the hashes, {@link
 * #path()} returns copies, and equality compares the bytes.
 *
 * @param index the leaf's position, counted from 0
 * @param treeSize the number of leaves in the tree
 * @param path the sibling hashes from the leaf up to the root
 */
public record MerkleProof(long index, long treeSize, List<byte[]> path) {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Copies {@code path} and every hash in it.
   *
   * @throws NullPointerException if the path or any hash in it is null
   */
  public MerkleProof {
    Objects.requireNonNull(path, "path");
    List<byte[]> copy = new ArrayList<>(path.size());
    for (int i = 0; i < path.size(); i++) {
      byte[] hash = path.get(i);
      if (hash == null) {
        throw new NullPointerException("path hash " + i + " is null");
      }
      copy.add(hash.clone());
    }
    path = List.copyOf(copy);
  }

  /**
   * Builds a proof from lowercase or uppercase hex hashes, the form the REST API and the CLI use.
   *
   * @throws IllegalArgumentException if a hash is not valid hex
   * @throws NullPointerException if the path or any hash in it is null
   */
  public static MerkleProof fromHex(long index, long treeSize, List<String> pathHex) {
    Objects.requireNonNull(pathHex, "pathHex");
    List<byte[]> path = new ArrayList<>(pathHex.size());
    for (int i = 0; i < pathHex.size(); i++) {
      String hash = pathHex.get(i);
      if (hash == null) {
        throw new NullPointerException("path hash " + i + " is null");
      }
      try {
        path.add(HEX.parseHex(hash));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "path hash " + i + " is not hex: '" + hash + "' (" + e.getMessage() + ")", e);
      }
    }
    return new MerkleProof(index, treeSize, path);
  }

  /** The sibling hashes from the leaf up to the root, as fresh copies. */
  @Override
  public List<byte[]> path() {
    return path.stream().map(byte[]::clone).toList();
  }

  /** The sibling hashes as lowercase hex, from the leaf up to the root. */
  public List<String> pathHex() {
    return path.stream().map(HEX::formatHex).toList();
  }

  /** The number of hashes in the path, without copying them. */
  public int pathLength() {
    return path.size();
  }

  /** The path hash at {@code level} (0 is the leaf's sibling), without copying the others. */
  byte[] pathHash(int level) {
    return path.get(level);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof MerkleProof that)) {
      return false;
    }
    if (index != that.index || treeSize != that.treeSize || path.size() != that.path.size()) {
      return false;
    }
    for (int i = 0; i < path.size(); i++) {
      if (!Arrays.equals(path.get(i), that.path.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int result = Long.hashCode(index);
    result = 31 * result + Long.hashCode(treeSize);
    for (byte[] hash : path) {
      result = 31 * result + Arrays.hashCode(hash);
    }
    return result;
  }

  @Override
  public String toString() {
    return "MerkleProof[index=" + index + ", treeSize=" + treeSize + ", path=" + pathHex() + "]";
  }
}
