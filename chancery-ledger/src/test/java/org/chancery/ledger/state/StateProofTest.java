package org.chancery.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.state.StateProof;
import org.chancery.core.state.StateProofVerifier;
import org.chancery.core.state.StateTreeHashing;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proofs the state serves, checked only with the offline verifier and a block header: inclusion and
 * both kinds of non-inclusion, at the latest and at historical heights; any tampered field is
 * rejected.
 */
class StateProofTest {
  private static final CryptoSuite SUITE = CryptoSuite.byName("sm");

  @TempDir Path dir;
  private StateHarness h;

  /** Height 1: 60 keys, a = "one", b = "two". Height 2: a = "three", b deleted. Height 3: more. */
  @BeforeEach
  void threeBlocks() {
    h = new StateHarness(dir, SUITE, 10);
    Map<StateKey, byte[]> first = new LinkedHashMap<>();
    for (int i = 0; i < 60; i++) {
      first.put(new StateKey("evidence", "doc-" + i), utf8("hash-" + i));
    }
    first.put(key("a"), utf8("one"));
    first.put(key("b"), utf8("two"));
    h.commit(StateHarness.changes(first));
    StateChanges second = new StateChanges();
    second.put(key("a"), utf8("three"));
    second.delete(key("b"));
    h.commit(second);
    StateChanges third = new StateChanges();
    third.put(new StateKey("evidence", "doc-60"), utf8("hash-60"));
    h.commit(third);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void inclusionProofAtTheLatestHeightVerifiesAgainstTheHeader() {
    StateProof proof = h.state.prove(key("a"), 3);

    assertThat(proof.isInclusion()).isTrue();
    assertThat(proof.value()).isEqualTo(Bytes.of(utf8("three")));
    assertThat(proof.height()).isEqualTo(3);
    assertThat(proof.root()).isEqualTo(h.state.root());
    assertThat(verify(proof, "a", Optional.of(utf8("three")))).isEqualTo(valid());
  }

  @Test
  void historicalProofsShowTheValuesOfTheirHeight() {
    assertThat(verify(h.state.prove(key("a"), 1), "a", Optional.of(utf8("one"))))
        .isEqualTo(valid());
    assertThat(verify(h.state.prove(key("b"), 1), "b", Optional.of(utf8("two"))))
        .isEqualTo(valid());
    assertThat(verify(h.state.prove(key("a"), 2), "a", Optional.of(utf8("three"))))
        .isEqualTo(valid());
    assertThat(verify(h.state.prove(key("b"), 2), "b", Optional.empty())).isEqualTo(valid());
    assertThat(verify(h.state.prove(key("b"), 3), "b", Optional.empty())).isEqualTo(valid());
  }

  @Test
  void aProofDoesNotVerifyAgainstAnotherHeightsHeader() {
    StateProof atOne = h.state.prove(key("a"), 1);

    StateProofVerifier.Result result =
        StateProofVerifier.verify(
            SUITE, header(2), "licence", "a", Optional.of(utf8("one")), atOne);

    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).contains("height 1").contains("height 2");
  }

  @Test
  void nonInclusionProofsEndInAnEmptySubtreeOrInAnotherKeysLeaf() {
    StateProof endsEmpty = null;
    StateProof endsInLeaf = null;
    for (int i = 0; i < 500 && (endsEmpty == null || endsInLeaf == null); i++) {
      StateProof p = h.state.prove(key("absent-" + i), 3);
      assertThat(verify(p, "absent-" + i, Optional.empty())).isEqualTo(valid());
      if (p.leafKeyHash() == null) {
        endsEmpty = p;
      } else {
        endsInLeaf = p;
      }
    }

    assertThat(endsEmpty).isNotNull();
    assertThat(endsInLeaf).isNotNull();
    assertThat(endsInLeaf.leafValueHash()).isNotNull();
    assertThat(endsInLeaf.value()).isNull();
  }

  @Test
  void theEmptyStateAtHeightZeroProvesEveryKeyAbsent() {
    StateProof proof = h.state.prove(key("a"), 0);

    assertThat(proof.siblings()).isEmpty();
    assertThat(proof.root()).isEqualTo(StateTreeHashing.emptyHash());
    assertThat(verify(proof, "a", Optional.empty())).isEqualTo(valid());
    assertThat(verify(proof, "a", Optional.of(utf8("one"))).valid()).isFalse();
  }

  @Test
  void aStateOfOneKeyHasARootLeafAndPathsOfLengthZero(@TempDir Path other) {
    try (StateHarness single = new StateHarness(other, SUITE, 10)) {
      single.commit(StateHarness.changes(Map.of(key("only"), utf8("v"))));
      StateProof present = single.state.prove(key("only"), 1);
      StateProof absent = single.state.prove(key("other"), 1);

      assertThat(present.siblings()).isEmpty();
      assertThat(absent.siblings()).isEmpty();
      assertThat(absent.leafKeyHash()).isNotNull();
      BlockHeader header = header(1, single.state.root());
      assertThat(
              StateProofVerifier.verify(
                      SUITE, header, "licence", "only", Optional.of(utf8("v")), present)
                  .valid())
          .isTrue();
      assertThat(
              StateProofVerifier.verify(SUITE, header, "licence", "other", Optional.empty(), absent)
                  .valid())
          .isTrue();
    }
  }

  @Test
  void everyTamperedFieldOfAnInclusionProofIsRejected() {
    assertEveryTamperingRejected(h.state.prove(key("a"), 2), "a", Optional.of(utf8("three")));
  }

  @Test
  void everyTamperedFieldOfANonInclusionProofIsRejected() {
    for (int i = 0; i < 40; i++) {
      StateProof p = h.state.prove(key("absent-" + i), 3);
      assertEveryTamperingRejected(p, "absent-" + i, Optional.empty());
    }
  }

  @Test
  void aPresentKeyCannotBeProvedAbsentNorGivenAnotherValue() {
    StateProof proof = h.state.prove(key("a"), 3);

    assertThat(verify(proof, "a", Optional.empty()).valid()).isFalse();
    assertThat(verify(proof, "a", Optional.of(utf8("one"))).valid()).isFalse();
    assertThat(verify(proof, "a", Optional.of(new byte[0])).valid()).isFalse();
  }

  @Test
  void proofsSurviveTheirBinaryForm() {
    for (String k : List.of("a", "b", "absent-1", "absent-2", "absent-3")) {
      for (long height = 0; height <= 3; height++) {
        StateProof proof = h.state.prove(key(k), height);
        assertThat(StateProof.decode(proof.encode())).isEqualTo(proof);
      }
    }
  }

  private void assertEveryTamperingRejected(StateProof proof, String k, Optional<byte[]> expected) {
    // The client asked for the state at the proof's height and checks against that header.
    BlockHeader header = header(proof.height());
    assertThat(StateProofVerifier.verify(SUITE, header, "licence", k, expected, proof))
        .isEqualTo(valid());
    for (Map.Entry<String, StateProof> t : tamperings(proof).entrySet()) {
      StateProofVerifier.Result result =
          StateProofVerifier.verify(SUITE, header, "licence", k, expected, t.getValue());
      assertThat(result.valid()).as("tampered %s", t.getKey()).isFalse();
      assertThat(result.reason()).as("reason for %s", t.getKey()).isNotBlank();
    }
  }

  /** Every single-field change to {@code p}, by name. */
  private static Map<String, StateProof> tamperings(StateProof p) {
    Map<String, StateProof> out = new LinkedHashMap<>();
    Bytes flippedRoot = flip(p.root());
    out.put("contract", withContract(p, "evidence"));
    out.put("key", withKey(p, p.key() + "x"));
    out.put("height +1", withHeight(p, p.height() + 1));
    out.put("height -1", withHeight(p, p.height() - 1));
    out.put("root", withRoot(p, flippedRoot));
    if (p.value() != null) {
      out.put("value", withValue(p, flip(p.value())));
      out.put("value longer", withValue(p, Bytes.of(concat(p.value().toArray(), new byte[1]))));
      out.put("value removed", withValue(p, null));
      out.put(
          "value replaced by a leaf",
          withLeaf(p, null, Bytes.of(new byte[32]), Bytes.of(new byte[32])));
    } else {
      out.put("value added", withValue(p, Bytes.of(utf8("forged"))));
    }
    if (p.leafKeyHash() != null) {
      out.put("leaf key hash", withLeaf(p, null, flip(p.leafKeyHash()), p.leafValueHash()));
      out.put("leaf value hash", withLeaf(p, null, p.leafKeyHash(), flip(p.leafValueHash())));
      out.put("leaf removed", withLeaf(p, null, null, null));
      out.put("leaf half removed", withLeaf(p, null, p.leafKeyHash(), null));
      out.put(
          "leaf key hash is the key's own",
          withLeaf(
              p,
              null,
              Bytes.of(StateTreeHashing.keyHash(SUITE, p.contract(), p.key())),
              p.leafValueHash()));
    } else if (p.value() == null) {
      out.put(
          "leaf added", withLeaf(p, null, Bytes.of(new byte[32]), StateTreeHashing.emptyHash()));
    }
    for (int i = 0; i < p.siblings().size(); i++) {
      List<Bytes> s = new ArrayList<>(p.siblings());
      s.set(i, flip(s.get(i)));
      out.put("sibling " + i, withSiblings(p, s));
    }
    List<Bytes> longer = new ArrayList<>(p.siblings());
    longer.add(StateTreeHashing.emptyHash());
    out.put("sibling appended", withSiblings(p, longer));
    List<Bytes> prepended = new ArrayList<>(p.siblings());
    prepended.add(0, StateTreeHashing.emptyHash());
    out.put("sibling prepended", withSiblings(p, prepended));
    if (!p.siblings().isEmpty()) {
      out.put(
          "last sibling dropped",
          withSiblings(p, p.siblings().subList(0, p.siblings().size() - 1)));
      out.put(
          "first sibling dropped", withSiblings(p, p.siblings().subList(1, p.siblings().size())));
      List<Bytes> shortHash = new ArrayList<>(p.siblings());
      shortHash.set(0, Bytes.of(new byte[31]));
      out.put("sibling of 31 bytes", withSiblings(p, shortHash));
    }
    return out;
  }

  /** Verifies against the header of the proof's height, as a client that asked for it would. */
  private StateProofVerifier.Result verify(StateProof proof, String k, Optional<byte[]> expected) {
    return StateProofVerifier.verify(SUITE, header(proof.height()), "licence", k, expected, proof);
  }

  private BlockHeader header(long height) {
    return header(height, h.state.rootAt(height));
  }

  private static BlockHeader header(long height, Bytes stateRoot) {
    Bytes zero = Bytes.of(new byte[32]);
    return new BlockHeader(
        "test-chain",
        height,
        zero,
        Instant.ofEpochMilli(1_700_000_000_000L + height),
        zero,
        zero,
        stateRoot,
        zero,
        "node1",
        0);
  }

  private static StateProofVerifier.Result valid() {
    return new StateProofVerifier.Result(true, "");
  }

  private static StateKey key(String k) {
    return new StateKey("licence", k);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Bytes flip(Bytes b) {
    byte[] a = b.toArray();
    if (a.length == 0) {
      return Bytes.of(new byte[] {1});
    }
    a[a.length - 1] ^= 1;
    return Bytes.of(a);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static StateProof withContract(StateProof p, String contract) {
    return new StateProof(
        contract,
        p.key(),
        p.height(),
        p.root(),
        p.value(),
        p.leafKeyHash(),
        p.leafValueHash(),
        p.siblings());
  }

  private static StateProof withKey(StateProof p, String key) {
    return new StateProof(
        p.contract(),
        key,
        p.height(),
        p.root(),
        p.value(),
        p.leafKeyHash(),
        p.leafValueHash(),
        p.siblings());
  }

  private static StateProof withHeight(StateProof p, long height) {
    return new StateProof(
        p.contract(),
        p.key(),
        height,
        p.root(),
        p.value(),
        p.leafKeyHash(),
        p.leafValueHash(),
        p.siblings());
  }

  private static StateProof withRoot(StateProof p, Bytes root) {
    return new StateProof(
        p.contract(),
        p.key(),
        p.height(),
        root,
        p.value(),
        p.leafKeyHash(),
        p.leafValueHash(),
        p.siblings());
  }

  private static StateProof withValue(StateProof p, Bytes value) {
    return new StateProof(
        p.contract(),
        p.key(),
        p.height(),
        p.root(),
        value,
        p.leafKeyHash(),
        p.leafValueHash(),
        p.siblings());
  }

  private static StateProof withLeaf(StateProof p, Bytes value, Bytes keyHash, Bytes valueHash) {
    return new StateProof(
        p.contract(), p.key(), p.height(), p.root(), value, keyHash, valueHash, p.siblings());
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
}
