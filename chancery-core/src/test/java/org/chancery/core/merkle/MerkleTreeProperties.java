package org.chancery.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.chancery.crypto.CryptoSuite;

/** Properties of trees and proofs over random leaf lists of 1 to 300 leaves, in both suites. */
class MerkleTreeProperties {

  /** A random tree in a random suite, and one of its leaves. */
  record Case(CryptoSuite suite, List<byte[]> leaves, int index) {
    MerkleTree tree() {
      return MerkleTree.of(suite, leaves);
    }

    byte[] leaf() {
      return leaves.get(index);
    }

    int size() {
      return leaves.size();
    }

    @Override
    public String toString() {
      return suite.name() + ", leaf " + index + " of " + leaves.size();
    }
  }

  @Provide
  Arbitrary<CryptoSuite> suites() {
    return Arbitraries.of(CryptoSuite.byName("sm"), CryptoSuite.byName("nist"));
  }

  @Provide
  Arbitrary<List<byte[]>> leafLists() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(48).list().ofMinSize(1).ofMaxSize(300);
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(suites(), leafLists())
        .flatAs(
            (suite, leaves) ->
                Arbitraries.integers()
                    .between(0, leaves.size() - 1)
                    .map(index -> new Case(suite, leaves, index)));
  }

  private static boolean verifies(Case c, byte[] root, byte[] leaf, MerkleProof proof) {
    return MerkleProofVerifier.verifyInclusion(c.suite(), root, leaf, proof);
  }

  private static byte[] flipped(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8 % copy.length] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  @Property(tries = 200)
  void rootEqualsTheNaiveRecursiveRoot(
      @ForAll("suites") CryptoSuite suite, @ForAll("leafLists") List<byte[]> leaves) {
    assertThat(MerkleTree.root(suite, leaves)).isEqualTo(NaiveMerkle.root(suite, leaves));
  }

  @Property(tries = 200)
  void proofEqualsTheNaiveRecursiveAuditPath(@ForAll("cases") Case c) {
    MerkleProof proof = c.tree().proof(c.index());

    assertThat(proof.index()).isEqualTo(c.index());
    assertThat(proof.treeSize()).isEqualTo(c.size());
    assertThat(proof.path())
        .containsExactlyElementsOf(NaiveMerkle.path(c.suite(), c.leaves(), c.index()));
  }

  @Property(tries = 200)
  void everyLeafsProofVerifies(
      @ForAll("suites") CryptoSuite suite, @ForAll("leafLists") List<byte[]> leaves) {
    MerkleTree tree = MerkleTree.of(suite, leaves);
    byte[] root = tree.root();

    for (int i = 0; i < leaves.size(); i++) {
      assertThat(MerkleProofVerifier.verifyInclusion(suite, root, leaves.get(i), tree.proof(i)))
          .as("leaf %d", i)
          .isTrue();
    }
  }

  @Property
  void proofHasAtMostCeilLog2OfTheTreeSizeHashes(@ForAll("cases") Case c) {
    int ceilLog2 = 32 - Integer.numberOfLeadingZeros(c.size() - 1);

    assertThat(c.tree().proof(c.index()).pathLength()).isLessThanOrEqualTo(ceilLog2);
  }

  @Property
  void flippingAnyBitOfTheRootFailsVerification(
      @ForAll("cases") Case c, @ForAll @IntRange(max = 255) int bit) {
    MerkleTree tree = c.tree();

    assertThat(verifies(c, flipped(tree.root(), bit), c.leaf(), tree.proof(c.index()))).isFalse();
  }

  @Property
  void flippingAnyBitOfTheLeafFailsVerification(
      @ForAll("cases") Case c, @ForAll @IntRange(max = 8 * 48) int bit) {
    MerkleTree tree = c.tree();
    byte[] leaf = c.leaf().length == 0 ? new byte[] {0} : flipped(c.leaf(), bit);

    assertThat(verifies(c, tree.root(), leaf, tree.proof(c.index()))).isFalse();
  }

  @Property
  void flippingAnyBitOfAnyPathHashFailsVerification(
      @ForAll("cases") Case c, @ForAll @IntRange(max = 255) int bit) {
    MerkleTree tree = c.tree();
    MerkleProof proof = tree.proof(c.index());

    for (int k = 0; k < proof.pathLength(); k++) {
      List<byte[]> path = new ArrayList<>(proof.path());
      path.set(k, flipped(path.get(k), bit));
      MerkleProof tampered = new MerkleProof(proof.index(), proof.treeSize(), path);

      assertThat(verifies(c, tree.root(), c.leaf(), tampered)).as("hash %d", k).isFalse();
    }
  }

  /**
   * Leaves may repeat (two equal sibling leaves have equal proofs), so a proof moved to another
   * index verifies exactly when it is that index's own proof of the same bytes, and for no index
   * outside the tree.
   */
  @Property(tries = 200)
  void theProofVerifiesAtAnotherIndexOnlyIfItIsThatIndexsProof(@ForAll("cases") Case c) {
    MerkleTree tree = c.tree();
    MerkleProof proof = tree.proof(c.index());

    for (int other = -1; other <= c.size(); other++) {
      if (other != c.index()) {
        MerkleProof moved = new MerkleProof(other, proof.treeSize(), proof.path());
        boolean genuine =
            other >= 0
                && other < c.size()
                && Arrays.equals(c.leaves().get(other), c.leaf())
                && tree.proof(other).equals(moved);
        assertThat(verifies(c, tree.root(), c.leaf(), moved))
            .as("index %d", other)
            .isEqualTo(genuine);
      }
    }
  }

  /**
   * Another tree size changes the sequence of hash operations unless the audit path has the same
   * shape under both sizes, and then the claim of a different size is the caller's to reject (see
   * {@link MerkleProofVerifier#verifyInclusion}).
   */
  @Property(tries = 200)
  void anotherTreeSizeFailsUnlessThePathHasTheSameShape(@ForAll("cases") Case c) {
    MerkleTree tree = c.tree();
    MerkleProof proof = tree.proof(c.index());
    List<Boolean> shape = NaiveMerkle.shape(c.index(), c.size());

    for (long size = 0; size <= 2L * c.size() + 2; size++) {
      if (size != c.size()) {
        MerkleProof resized = new MerkleProof(c.index(), size, proof.path());
        boolean sameShape = c.index() < size && NaiveMerkle.shape(c.index(), size).equals(shape);
        assertThat(verifies(c, tree.root(), c.leaf(), resized))
            .as("size %d", size)
            .isEqualTo(sameShape);
      }
    }
  }

  @Property
  void changingAnyLeafChangesTheRoot(
      @ForAll("cases") Case c, @ForAll @IntRange(max = 8 * 48) int bit) {
    List<byte[]> changed = new ArrayList<>(c.leaves());
    byte[] leaf = c.leaf();
    changed.set(c.index(), leaf.length == 0 ? new byte[] {0} : flipped(leaf, bit));

    assertThat(MerkleTree.root(c.suite(), changed)).isNotEqualTo(c.tree().root());
  }

  @Property
  void appendingOrRemovingALeafChangesTheRoot(@ForAll("cases") Case c) {
    List<byte[]> longer = new ArrayList<>(c.leaves());
    longer.add(c.leaf());
    List<byte[]> shorter = c.leaves().subList(0, c.size() - 1);
    byte[] root = c.tree().root();

    assertThat(MerkleTree.root(c.suite(), longer)).isNotEqualTo(root);
    assertThat(MerkleTree.root(c.suite(), shorter)).isNotEqualTo(root);
  }

  /**
   * The second-preimage attack that the 0x00 / 0x01 prefixes stop: take two sibling leaves, claim
   * the concatenation of their hashes as one "leaf" at their parent's position in the tree one
   * level up, with the rest of their audit path. Without domain separation its hash would be the
   * parent node and the forged proof would verify.
   */
  @Property
  void anInnerNodeCannotPoseAsALeaf(@ForAll("cases") Case c) {
    int left = c.index() & ~1;
    if (left + 1 >= c.size()) {
      return; // no right sibling: this node has no children to concatenate
    }
    CryptoSuite suite = c.suite();
    MerkleTree tree = c.tree();
    byte[] forgedLeaf =
        NaiveMerkle.concat(
            MerkleTree.leafHash(suite, c.leaves().get(left)),
            MerkleTree.leafHash(suite, c.leaves().get(left + 1)));
    List<byte[]> leafPath = tree.proof(left).path();
    List<byte[]> upperPath = leafPath.subList(1, leafPath.size());
    MerkleProof forged = new MerkleProof(left / 2, (c.size() + 1) / 2, upperPath);

    // The forged path is the genuine audit path of the parent among the level-one nodes ...
    List<byte[]> levelOne = new ArrayList<>();
    for (int i = 0; i < c.size(); i += 2) {
      levelOne.add(NaiveMerkle.root(suite, c.leaves().subList(i, Math.min(i + 2, c.size()))));
    }
    assertThat(NaiveMerkle.rootOfNodes(suite, levelOne)).isEqualTo(tree.root());
    assertThat(upperPath)
        .containsExactlyElementsOf(NaiveMerkle.pathOfNodes(suite, levelOne, left / 2));
    // ... and still the forgery fails, because a leaf is hashed with 0x00 and a node with 0x01.
    assertThat(verifies(c, tree.root(), forgedLeaf, forged)).isFalse();
  }
}
