package org.chancery.core.merkle;

import java.security.MessageDigest;
import org.chancery.crypto.CryptoSuite;

/**
 * Checks inclusion proofs offline, with nothing but the chain's suite and a trusted root: the check
 * a client runs on a transaction or receipt proof against a certified block header.
 */
public final class MerkleProofVerifier {

  private MerkleProofVerifier() {}

  /**
   * Returns whether {@code leaf} (the exact bytes, not their hash) is the leaf at {@code
   * proof.index()} of a tree of {@code proof.treeSize()} leaves whose root is {@code root}, by the
   * algorithm of RFC 9162 section 2.1.3.2.
   *
   * <p>Any malformed proof returns {@code false}: an index that is negative or not below the tree
   * size, an empty tree, a path too long or too short for the index and size, a path hash or a root
   * of the wrong length. It never throws for the proof's content.
   *
   * <p>For a given tree size, a proof that verifies fixes the leaf's index. It does not fix the
   * tree size: paths of the same shape fit several sizes, so the same proof verifies against the
   * same root as index 0 of 3 leaves and as index 0 of 4, or as index 2 of 3 and as index 1 of 2.
   * Take the tree size from the certified block header ({@code tx_count}) and check that {@code
   * proof.treeSize()} equals it before trusting the index.
   *
   * @throws IllegalArgumentException if any argument is null
   */
  public static boolean verifyInclusion(
      CryptoSuite suite, byte[] root, byte[] leaf, MerkleProof proof) {
    if (suite == null || root == null || leaf == null || proof == null) {
      throw new IllegalArgumentException(
          "verifyInclusion needs a suite, a root, a leaf and a proof; "
              + (suite == null ? "suite" : root == null ? "root" : leaf == null ? "leaf" : "proof")
              + " is null");
    }
    int hashLength = suite.hashLength();
    long index = proof.index();
    long treeSize = proof.treeSize();
    if (root.length != hashLength || index < 0 || index >= treeSize) {
      return false;
    }
    CryptoSuite.Hasher hasher = suite.newHasher();
    // RFC 9162 section 2.1.3.2: fn walks the leaf's position up the tree, sn the last position.
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = MerkleTree.hashLeaf(hasher, leaf);
    for (int i = 0; i < proof.pathLength(); i++) {
      byte[] p = proof.pathHash(i);
      if (sn == 0 || p.length != hashLength) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleTree.hashChildren(hasher, p, r);
        // The node was the last of its level and had no right sibling: RFC 6962 moved it up
        // unchanged, so skip the levels where it did.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleTree.hashChildren(hasher, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }
}
