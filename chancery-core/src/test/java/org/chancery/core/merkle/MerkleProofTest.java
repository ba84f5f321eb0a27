package org.chancery.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleProofTest {

  private static byte[] hash(int fill) {
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) fill);
    return hash;
  }

  @Test
  void keepsItsOwnCopyOfThePathHashes() {
    byte[] sibling = hash(1);
    List<byte[]> path = new ArrayList<>(List.of(sibling));
    MerkleProof proof = new MerkleProof(0, 2, path);

    sibling[0] = 9;
    path.add(hash(2));

    assertThat(proof.path()).singleElement().isEqualTo(hash(1));
  }

  @Test
  void handsOutCopiesOfThePathHashes() {
    MerkleProof proof = new MerkleProof(0, 2, List.of(hash(1)));

    proof.path().get(0)[0] = 9;

    assertThat(proof.path()).singleElement().isEqualTo(hash(1));
    assertThatThrownBy(() -> proof.path().add(hash(2)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void proofsWithTheSameBytesAreEqual() {
    MerkleProof a = new MerkleProof(3, 7, List.of(hash(1), hash(2)));
    MerkleProof b = new MerkleProof(3, 7, List.of(hash(1), hash(2)));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new MerkleProof(3, 7, List.of(hash(1), hash(3))));
    assertThat(a).isNotEqualTo(new MerkleProof(2, 7, List.of(hash(1), hash(2))));
    assertThat(a).isNotEqualTo(new MerkleProof(3, 8, List.of(hash(1), hash(2))));
    assertThat(a).isNotEqualTo(new MerkleProof(3, 7, List.of(hash(1))));
  }

  @Test
  void pathReadsAndWritesAsLowercaseHex() {
    MerkleProof proof = new MerkleProof(1, 2, List.of(hash(0xab)));

    assertThat(proof.pathHex()).containsExactly("ab".repeat(32));
    assertThat(MerkleProof.fromHex(1, 2, proof.pathHex())).isEqualTo(proof);
    assertThat(proof.toString())
        .isEqualTo("MerkleProof[index=1, treeSize=2, path=[" + "ab".repeat(32) + "]]");
  }

  @Test
  void fromHexRefusesNonHexNamingTheHash() {
    assertThatThrownBy(() -> MerkleProof.fromHex(0, 3, List.of("00", "zz")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("path hash 1 is not hex: 'zz'");
  }

  @Test
  void refusesANullPathHashNamingIt() {
    List<byte[]> path = new ArrayList<>();
    path.add(hash(1));
    path.add(null);

    assertThatThrownBy(() -> new MerkleProof(0, 4, path))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path hash 1 is null");
  }

  @Test
  void holdsAnyClaimSoThatTheVerifierCanRejectIt() {
    MerkleProof proof = new MerkleProof(-5, 0, List.of(new byte[3]));

    assertThat(proof.index()).isEqualTo(-5);
    assertThat(proof.treeSize()).isZero();
    assertThat(proof.pathLength()).isEqualTo(1);
  }
}
