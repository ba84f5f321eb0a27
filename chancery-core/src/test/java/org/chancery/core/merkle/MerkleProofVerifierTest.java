package org.chancery.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.chancery.core.merkle.CertificateTransparencyVectorsTest.PathVector;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleProofVerifierTest {

  private static final CryptoSuite SHA256 = CryptoSuite.byName("nist");

  /** A tree of 13 leaves in the named suite, its root and the proof of leaf 6. */
  private record Fixture(CryptoSuite suite, List<byte[]> leaves, byte[] root, MerkleProof proof) {
    static Fixture of(String suiteName) {
      CryptoSuite suite = CryptoSuite.byName(suiteName);
      List<byte[]> leaves = MerkleTreeTest.leaves(13);
      MerkleTree tree = MerkleTree.of(suite, leaves);
      return new Fixture(suite, leaves, tree.root(), tree.proof(6));
    }

    boolean verify(MerkleProof proof) {
      return MerkleProofVerifier.verifyInclusion(suite, root, leaves.get(6), proof);
    }

    MerkleProof withPath(UnaryOperator<List<byte[]>> change) {
      return new MerkleProof(proof.index(), proof.treeSize(), change.apply(proof.path()));
    }
  }

  private static <T> List<T> inserted(List<T> list, int position, T element) {
    List<T> copy = new ArrayList<>(list);
    copy.add(position, element);
    return copy;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void acceptsTheProofTheTreeGave(String suiteName) {
    Fixture f = Fixture.of(suiteName);

    assertThat(f.verify(f.proof())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsANegativeIndex(String suiteName) {
    Fixture f = Fixture.of(suiteName);

    assertThat(f.verify(new MerkleProof(-1, 13, f.proof().path()))).isFalse();
    assertThat(f.verify(new MerkleProof(Long.MIN_VALUE, 13, f.proof().path()))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsAnIndexNotBelowTheTreeSize(String suiteName) {
    Fixture f = Fixture.of(suiteName);

    assertThat(f.verify(new MerkleProof(13, 13, f.proof().path()))).isFalse();
    assertThat(f.verify(new MerkleProof(14, 13, f.proof().path()))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsAnEmptyOrNegativeTree(String suiteName) {
    Fixture f = Fixture.of(suiteName);

    assertThat(f.verify(new MerkleProof(0, 0, List.of()))).isFalse();
    assertThat(f.verify(new MerkleProof(0, -1, List.of()))).isFalse();
    assertThat(
            MerkleProofVerifier.verifyInclusion(
                f.suite(),
                f.suite().hash(new byte[0]),
                new byte[0],
                new MerkleProof(0, 0, List.of())))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsAPathOneHashTooLong(String suiteName) {
    Fixture f = Fixture.of(suiteName);

    assertThat(f.verify(f.withPath(p -> inserted(p, p.size(), f.root())))).isFalse();
    assertThat(f.verify(f.withPath(p -> inserted(p, 0, f.root())))).isFalse();
    assertThat(f.verify(f.withPath(p -> inserted(p, 1, p.get(0))))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsAPathOneHashTooShort(String suiteName) {
    Fixture f = Fixture.of(suiteName);

    assertThat(f.verify(f.withPath(p -> p.subList(0, p.size() - 1)))).isFalse();
    assertThat(f.verify(f.withPath(p -> p.subList(1, p.size())))).isFalse();
    assertThat(f.verify(f.withPath(p -> List.of()))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64})
  void rejectsAPathHashOfTheWrongLength(int length) {
    Fixture f = Fixture.of("sm");

    for (int i = 0; i < f.proof().pathLength(); i++) {
      int at = i;
      List<byte[]> path = new ArrayList<>(f.proof().path());
      // The right bytes followed by garbage, or cut short, must not pass either.
      byte[] wrong = Arrays.copyOf(path.get(at), length);
      path.set(at, wrong);

      assertThat(f.verify(new MerkleProof(6, 13, path))).as("hash %d", at).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33})
  void rejectsARootOfTheWrongLength(int length) {
    Fixture f = Fixture.of("nist");
    byte[] root = Arrays.copyOf(f.root(), length);

    assertThat(MerkleProofVerifier.verifyInclusion(f.suite(), root, f.leaves().get(6), f.proof()))
        .isFalse();
  }

  @Test
  void neverThrowsForExtremeSizesOrLongPaths() {
    Fixture f = Fixture.of("sm");
    List<byte[]> longPath = Collections.nCopies(1_000, f.root());

    assertThat(f.verify(new MerkleProof(Long.MAX_VALUE - 1, Long.MAX_VALUE, longPath))).isFalse();
    assertThat(f.verify(new MerkleProof(0, Long.MAX_VALUE, longPath.subList(0, 63)))).isFalse();
    assertThat(f.verify(new MerkleProof(6, 13, longPath))).isFalse();
  }

  @Test
  void refusesNullArguments() {
    Fixture f = Fixture.of("sm");
    byte[] leaf = f.leaves().get(6);

    assertThatThrownBy(() -> MerkleProofVerifier.verifyInclusion(null, f.root(), leaf, f.proof()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("suite is null");
    assertThatThrownBy(() -> MerkleProofVerifier.verifyInclusion(f.suite(), null, leaf, f.proof()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("root is null");
    assertThatThrownBy(
            () -> MerkleProofVerifier.verifyInclusion(f.suite(), f.root(), null, f.proof()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("leaf is null");
    assertThatThrownBy(() -> MerkleProofVerifier.verifyInclusion(f.suite(), f.root(), leaf, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("proof is null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void aProofFromOneSuiteFailsInTheOther(String suiteName) {
    Fixture f = Fixture.of(suiteName);
    CryptoSuite other = CryptoSuite.byName(suiteName.equals("sm") ? "nist" : "sm");

    assertThat(MerkleProofVerifier.verifyInclusion(other, f.root(), f.leaves().get(6), f.proof()))
        .isFalse();
  }

  /**
   * RFC 6962 paths fix the index once the tree size is known, but several tree sizes share a path
   * shape; that is why callers compare the proof's tree size with the header's {@code tx_count}.
   */
  @Test
  void sameShapedPathAlsoVerifiesForAnotherTreeSizeSoCallersMustCheckTheHeaderCount() {
    List<byte[]> three = MerkleTreeTest.leaves(3);
    MerkleTree tree = MerkleTree.of(SHA256, three);
    MerkleProof first = tree.proof(0);
    MerkleProof last = tree.proof(2);

    assertThat(
            MerkleProofVerifier.verifyInclusion(
                SHA256, tree.root(), three.get(0), new MerkleProof(0, 4, first.path())))
        .isTrue();
    assertThat(
            MerkleProofVerifier.verifyInclusion(
                SHA256, tree.root(), three.get(2), new MerkleProof(1, 2, last.path())))
        .isTrue();
  }

  static Stream<Arguments> corruptedPublishedProofs() {
    byte[] someHash =
        HexFormat.of().parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");
    List<Arguments> cases = new ArrayList<>();
    for (PathVector v : CertificateTransparencyVectorsTest.PATHS) {
      MerkleProof good = MerkleProof.fromHex(v.index(), v.treeSize(), v.path());
      List<byte[]> path = good.path();
      byte[] root =
          HexFormat.of().parseHex(CertificateTransparencyVectorsTest.ROOTS.get(v.treeSize()));
      byte[] leaf = CertificateTransparencyVectorsTest.LEAVES.get(v.index());
      long i = v.index();
      long n = v.treeSize();
      cases.add(Arguments.of(v, "index - 1", root, leaf, new MerkleProof(i - 1, n, path)));
      cases.add(Arguments.of(v, "index + 1", root, leaf, new MerkleProof(i + 1, n, path)));
      cases.add(Arguments.of(v, "index ^ 2", root, leaf, new MerkleProof(i ^ 2, n, path)));
      cases.add(Arguments.of(v, "treeSize * 2", root, leaf, new MerkleProof(i, n * 2, path)));
      cases.add(Arguments.of(v, "treeSize / 2", root, leaf, new MerkleProof(i, n / 2, path)));
      cases.add(
          Arguments.of(v, "wrong leaf", root, "WrongLeaf".getBytes(StandardCharsets.UTF_8), good));
      cases.add(
          Arguments.of(
              v,
              "empty tree root",
              HexFormat.of().parseHex(CertificateTransparencyVectorsTest.ROOTS.get(0)),
              leaf,
              good));
      cases.add(Arguments.of(v, "some root", someHash, leaf, good));
      cases.add(
          Arguments.of(
              v,
              "trailing root",
              root,
              leaf,
              new MerkleProof(i, n, inserted(path, path.size(), root))));
      cases.add(
          Arguments.of(
              v, "preceding root", root, leaf, new MerkleProof(i, n, inserted(path, 0, root))));
      cases.add(
          Arguments.of(
              v,
              "trailing empty",
              root,
              leaf,
              new MerkleProof(i, n, inserted(path, path.size(), new byte[0]))));
      for (int k = 0; k < path.size(); k++) {
        List<byte[]> flipped = good.path();
        flipped.get(k)[0] ^= 8;
        cases.add(
            Arguments.of(v, "bit 3 of hash " + k, root, leaf, new MerkleProof(i, n, flipped)));
      }
      if (!path.isEmpty()) {
        cases.add(
            Arguments.of(
                v,
                "last hash removed",
                root,
                leaf,
                new MerkleProof(i, n, path.subList(0, path.size() - 1))));
      }
      if (path.size() > 1) {
        cases.add(
            Arguments.of(
                v,
                "hash inserted",
                root,
                leaf,
                new MerkleProof(i, n, inserted(path, 1, someHash))));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("corruptedPublishedProofs")
  void rejectsEveryCorruptionOfAPublishedProof(
      PathVector vector, String corruption, byte[] root, byte[] leaf, MerkleProof proof) {
    assertThat(MerkleProofVerifier.verifyInclusion(SHA256, root, leaf, proof)).isFalse();
  }
}
