package org.chancery.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.core.state.NaiveStateTree.CONTRACT;
import static org.chancery.core.state.NaiveStateTree.utf8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier against proofs built by the naive tree: honest proofs of every shape verify, and a
 * proof that claims anything else, or is malformed, is rejected with a reason and no exception.
 */
class StateProofVerifierTest {
  private static final Map<String, String> ENTRIES = entries(40);

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void honestProofsOfEveryShapeVerify(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree tree = new NaiveStateTree(suite, ENTRIES);
    boolean sawEmpty = false;
    boolean sawOtherLeaf = false;
    for (int i = 0; i < 200; i++) {
      String key = "key-" + i;
      StateProof proof = tree.prove(key, 7, ENTRIES);
      Optional<byte[]> expected = Optional.ofNullable(ENTRIES.get(key)).map(NaiveStateTree::utf8);
      assertThat(verify(suite, tree.root(), key, expected, proof).valid()).as(key).isTrue();
      sawEmpty |= proof.value() == null && proof.leafKeyHash() == null;
      sawOtherLeaf |= proof.leafKeyHash() != null;
    }
    assertThat(sawEmpty).isTrue();
    assertThat(sawOtherLeaf).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void theEmptyTreeAndASingleLeafTreeProve(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree empty = new NaiveStateTree(suite, Map.of());
    StateProof none = empty.prove("x", 0, Map.of());
    assertThat(verify(suite, empty.root(), "x", Optional.empty(), none).valid()).isTrue();

    Map<String, String> one = Map.of("only", "v");
    NaiveStateTree single = new NaiveStateTree(suite, one);
    assertThat(
            verify(
                    suite,
                    single.root(),
                    "only",
                    Optional.of(utf8("v")),
                    single.prove("only", 0, one))
                .valid())
        .isTrue();
    assertThat(
            verify(suite, single.root(), "x", Optional.empty(), single.prove("x", 0, one)).valid())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void everySingleFieldChangeIsRejected(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree tree = new NaiveStateTree(suite, ENTRIES);
    BlockHeader header = header(7, tree.root());
    for (int i = 0; i < 60; i++) {
      String key = "key-" + i;
      StateProof proof = tree.prove(key, 7, ENTRIES);
      Optional<byte[]> expected = Optional.ofNullable(ENTRIES.get(key)).map(NaiveStateTree::utf8);
      assertThat(StateProofVerifier.verify(suite, header, CONTRACT, key, expected, proof).valid())
          .isTrue();
      for (Map.Entry<String, StateProof> t : tamperings(proof).entrySet()) {
        StateProofVerifier.Result r =
            StateProofVerifier.verify(suite, header, CONTRACT, key, expected, t.getValue());
        assertThat(r.valid()).as("%s tampered %s", key, t.getKey()).isFalse();
        assertThat(r.reason()).isNotBlank();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void aNonInclusionProofOfOneKeyDoesNotProveAnotherAbsent(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree tree = new NaiveStateTree(suite, ENTRIES);
    for (int i = 0; i < 100; i++) {
      StateProof absent = tree.prove("absent-" + i, 7, ENTRIES);
      for (String present : List.of("key-0", "key-1", "key-2", "key-3")) {
        StateProof moved =
            new StateProof(
                CONTRACT,
                present,
                7,
                absent.root(),
                null,
                absent.leafKeyHash(),
                absent.leafValueHash(),
                absent.siblings());
        assertThat(verify(suite, tree.root(), present, Optional.empty(), moved).valid()).isFalse();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void aPresentKeyCannotBeProvedAbsentByPresentingItsOwnLeafAsAnotherKeys(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree tree = new NaiveStateTree(suite, ENTRIES);
    StateProof inclusion = tree.prove("key-3", 7, ENTRIES);
    // Its own leaf hashes to the same node, so only the verifier's key check stops this forgery.
    StateProof forged =
        new StateProof(
            CONTRACT,
            "key-3",
            7,
            inclusion.root(),
            null,
            Bytes.of(tree.keyHash("key-3")),
            Bytes.of(suite.hash(inclusion.value().toArray())),
            inclusion.siblings());

    StateProofVerifier.Result r = verify(suite, tree.root(), "key-3", Optional.empty(), forged);

    assertThat(r.valid()).isFalse();
    assertThat(r.reason()).contains("own leaf");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void malformedProofsAreRejectedWithoutThrowing(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree tree = new NaiveStateTree(suite, ENTRIES);
    Bytes root = tree.root();
    Bytes h = Bytes.of(new byte[32]);
    List<Bytes> tooMany = Collections.nCopies(257, h);
    Map<String, StateProof> malformed = new LinkedHashMap<>();
    malformed.put("value and leaf", proof(root, Bytes.of(utf8("v")), h, h, List.of()));
    malformed.put("only a leaf key hash", proof(root, null, h, null, List.of()));
    malformed.put("only a leaf value hash", proof(root, null, null, h, List.of()));
    malformed.put("257 siblings", proof(root, null, null, null, tooMany));
    malformed.put("short sibling", proof(root, null, null, null, List.of(Bytes.of(new byte[3]))));
    malformed.put("short leaf", proof(root, null, Bytes.of(new byte[5]), h, List.of()));
    malformed.put("short root", proof(Bytes.of(new byte[4]), null, null, null, List.of()));
    for (Map.Entry<String, StateProof> m : malformed.entrySet()) {
      Optional<byte[]> expected =
          m.getValue().value() == null ? Optional.empty() : Optional.of(utf8("v"));
      StateProofVerifier.Result r = verify(suite, m.getValue().root(), "k", expected, m.getValue());
      assertThat(r.valid()).as(m.getKey()).isFalse();
    }
    assertThat(verify(suite, root, "k", Optional.empty(), null).reason()).isEqualTo("no proof");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void aProofIsCheckedAgainstTheHeaderOfItsHeight(String suiteName) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree tree = new NaiveStateTree(suite, ENTRIES);
    StateProof proof = tree.prove("key-1", 7, ENTRIES);
    Optional<byte[]> value = Optional.of(utf8(ENTRIES.get("key-1")));

    assertThat(
            StateProofVerifier.verify(
                    suite, header(7, tree.root()), CONTRACT, "key-1", value, proof)
                .valid())
        .isTrue();
    StateProofVerifier.Result otherHeight =
        StateProofVerifier.verify(suite, header(8, tree.root()), CONTRACT, "key-1", value, proof);
    assertThat(otherHeight.valid()).isFalse();
    assertThat(otherHeight.reason()).contains("height 7").contains("height 8");
  }

  /** Every single-field change to an honest proof, by name. */
  private static Map<String, StateProof> tamperings(StateProof p) {
    Map<String, StateProof> out = new LinkedHashMap<>();
    out.put("contract", copy(p, "evidence", p.key(), p.height(), p.root(), p.value(), p));
    out.put("key", copy(p, p.contract(), p.key() + "!", p.height(), p.root(), p.value(), p));
    out.put("height", copy(p, p.contract(), p.key(), p.height() + 1, p.root(), p.value(), p));
    out.put("root", copy(p, p.contract(), p.key(), p.height(), flip(p.root()), p.value(), p));
    if (p.value() != null) {
      out.put("value", copy(p, p.contract(), p.key(), p.height(), p.root(), flip(p.value()), p));
      out.put("no value", copy(p, p.contract(), p.key(), p.height(), p.root(), null, p));
    } else {
      out.put(
          "a value",
          copy(p, p.contract(), p.key(), p.height(), p.root(), Bytes.of(utf8("forged")), p));
    }
    if (p.leafKeyHash() != null) {
      out.put("leaf key hash", withLeaf(p, flip(p.leafKeyHash()), p.leafValueHash()));
      out.put("leaf value hash", withLeaf(p, p.leafKeyHash(), flip(p.leafValueHash())));
      out.put("no leaf", withLeaf(p, null, null));
    } else if (p.value() == null) {
      out.put("a leaf", withLeaf(p, Bytes.of(new byte[32]), Bytes.of(new byte[32])));
    }
    for (int i = 0; i < p.siblings().size(); i++) {
      List<Bytes> s = new ArrayList<>(p.siblings());
      s.set(i, flip(s.get(i)));
      out.put("sibling " + i, withSiblings(p, s));
    }
    List<Bytes> longer = new ArrayList<>(p.siblings());
    longer.add(StateTreeHashing.emptyHash());
    out.put("an extra sibling", withSiblings(p, longer));
    if (!p.siblings().isEmpty()) {
      out.put("a sibling less", withSiblings(p, p.siblings().subList(1, p.siblings().size())));
    }
    return out;
  }

  private static StateProofVerifier.Result verify(
      CryptoSuite suite, Bytes root, String key, Optional<byte[]> expected, StateProof proof) {
    return StateProofVerifier.verify(suite, root, CONTRACT, key, expected, proof);
  }

  private static StateProof proof(
      Bytes root, Bytes value, Bytes leafKey, Bytes leafValue, List<Bytes> siblings) {
    return new StateProof(CONTRACT, "k", 1, root, value, leafKey, leafValue, siblings);
  }

  private static StateProof copy(
      StateProof p,
      String contract,
      String key,
      long height,
      Bytes root,
      Bytes value,
      StateProof s) {
    return new StateProof(
        contract, key, height, root, value, s.leafKeyHash(), s.leafValueHash(), s.siblings());
  }

  private static StateProof withLeaf(StateProof p, Bytes keyHash, Bytes valueHash) {
    return new StateProof(
        p.contract(), p.key(), p.height(), p.root(), p.value(), keyHash, valueHash, p.siblings());
  }

  private static StateProof withSiblings(StateProof p, List<Bytes> siblings) {
    return new StateProof(
        p.contract(),
        p.key(),
        p.height(),
        p.root(),
        p.value(),
        p.leafKeyHash(),
        p.leafValueHash(),
        siblings);
  }

  private static Bytes flip(Bytes b) {
    byte[] a = b.toArray();
    if (a.length == 0) {
      return Bytes.of(new byte[] {1});
    }
    a[0] ^= (byte) 0x80;
    return Bytes.of(a);
  }

  private static BlockHeader header(long height, Bytes stateRoot) {
    Bytes zero = Bytes.of(new byte[32]);
    return new BlockHeader(
        "test-chain", height, zero, Instant.EPOCH, zero, zero, stateRoot, zero, "node1", 0);
  }

  private static Map<String, String> entries(int n) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put("key-" + i, i % 5 == 0 ? "" : "value-" + i);
    }
    return out;
  }
}
