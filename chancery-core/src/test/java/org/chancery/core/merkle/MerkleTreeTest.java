package org.chancery.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chancery.core.merkle.NaiveMerkle.concat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {

  static List<byte[]> leaves(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> ("tx-" + i).getBytes(StandardCharsets.UTF_8))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void emptyTreeRootIsTheHashOfNothing(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);

    assertThat(MerkleTree.root(suite, List.of())).isEqualTo(suite.hash(new byte[0]));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void leafHashPrefixesTheLeafWithZero(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    byte[] leaf = {7, 8, 9};

    assertThat(MerkleTree.leafHash(suite, leaf)).isEqualTo(suite.hash(new byte[] {0, 7, 8, 9}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rootOfOneLeafIsItsLeafHash(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    byte[] leaf = {42};

    assertThat(MerkleTree.root(suite, List.of(leaf))).isEqualTo(MerkleTree.leafHash(suite, leaf));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void innerNodePrefixesItsChildrenWithOne(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    List<byte[]> leaves = leaves(2);
    byte[] left = MerkleTree.leafHash(suite, leaves.get(0));
    byte[] right = MerkleTree.leafHash(suite, leaves.get(1));

    assertThat(MerkleTree.root(suite, leaves))
        .isEqualTo(suite.hash(concat(new byte[] {1}, left, right)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void treeSplitsAtTheLargestPowerOfTwoBelowItsSizeNotInTheMiddle(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    List<byte[]> leaves = leaves(6);
    byte[] firstFour = MerkleTree.root(suite, leaves.subList(0, 4));
    byte[] lastTwo = MerkleTree.root(suite, leaves.subList(4, 6));

    assertThat(MerkleTree.root(suite, leaves))
        .isEqualTo(suite.hash(concat(new byte[] {1}, firstFour, lastTwo)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void staticHelpersAgreeWithOneBuiltTree(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    List<byte[]> leaves = leaves(11);
    MerkleTree tree = MerkleTree.of(suite, leaves);

    assertThat(tree.size()).isEqualTo(11);
    assertThat(MerkleTree.root(suite, leaves)).isEqualTo(tree.root());
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(MerkleTree.inclusionProof(suite, leaves, i)).isEqualTo(tree.proof(i));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void proofInATreeOfOneLeafHasAnEmptyPath(String suiteName) {
    MerkleProof proof =
        MerkleTree.inclusionProof(CryptoSuite.byName(suiteName), List.of(new byte[] {1}), 0);

    assertThat(proof).isEqualTo(new MerkleProof(0, 1, List.of()));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 5, 6, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void refusesAProofForALeafOutsideTheTree(int index) {
    MerkleTree tree = MerkleTree.of(CryptoSuite.byName("sm"), leaves(5));

    assertThatThrownBy(() -> tree.proof(index))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("leaf index " + index + " is outside a Merkle tree of 5 leaves");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void emptyTreeHasNoProofs(String suiteName) {
    MerkleTree tree = MerkleTree.of(CryptoSuite.byName(suiteName), List.of());

    assertThatThrownBy(() -> tree.proof(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void refusesANullLeafNamingItsIndex(String suiteName) {
    List<byte[]> leaves = new ArrayList<>(leaves(4));
    leaves.set(2, null);

    assertThatThrownBy(() -> MerkleTree.of(CryptoSuite.byName(suiteName), leaves))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("leaf 2 is null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rootIsAFreshCopyEachTime(String suiteName) {
    MerkleTree tree = MerkleTree.of(CryptoSuite.byName(suiteName), leaves(3));
    byte[] root = tree.root();
    byte[] original = root.clone();

    Arrays.fill(root, (byte) 0);

    assertThat(tree.root()).isEqualTo(original);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void changingTheLeafArraysAfterBuildingLeavesTheTreeAlone(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    List<byte[]> leaves = leaves(3);
    MerkleTree tree = MerkleTree.of(suite, leaves);
    byte[] root = tree.root();
    MerkleProof proof = tree.proof(1);

    leaves.get(1)[0] ^= 1;

    assertThat(tree.root()).isEqualTo(root);
    assertThat(tree.proof(1)).isEqualTo(proof);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void servesEveryProofOfABlockOfThousandsOfTransactions(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    List<byte[]> leaves = leaves(5_000);
    MerkleTree tree = MerkleTree.of(suite, leaves);
    byte[] root = tree.root();

    assertThat(root).isEqualTo(NaiveMerkle.root(suite, leaves));
    for (int i = 0; i < leaves.size(); i++) {
      MerkleProof proof = tree.proof(i);
      assertThat(proof.pathLength()).isLessThanOrEqualTo(13);
      assertThat(MerkleProofVerifier.verifyInclusion(suite, root, leaves.get(i), proof))
          .as("leaf %d", i)
          .isTrue();
    }
  }
}
