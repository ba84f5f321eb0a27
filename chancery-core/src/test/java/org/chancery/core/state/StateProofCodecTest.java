package org.chancery.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/** The compact binary form: one encoding per proof, and every malformed input rejected cleanly. */
class StateProofCodecTest {
  private static final CryptoSuite SUITE = CryptoSuite.byName("sm");

  @Test
  void proofsOfEveryShapeRoundTrip() {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      entries.put("key-" + i, "v" + i);
    }
    entries.put("empty-value", "");
    NaiveStateTree tree = new NaiveStateTree(SUITE, entries);
    for (String key : List.of("key-1", "empty-value", "absent-1", "absent-2", "absent-3")) {
      StateProof proof = tree.prove(key, 12, entries);
      byte[] encoded = proof.encode();
      assertThat(StateProof.decode(encoded)).isEqualTo(proof);
      assertThat(StateProof.decode(encoded).encode()).isEqualTo(encoded);
    }
  }

  @Test
  void emptySiblingsCostOneBitEach() {
    Bytes h = Bytes.of(filled(7));
    List<Bytes> siblings = new ArrayList<>(Collections.nCopies(20, StateTreeHashing.emptyHash()));
    siblings.set(3, h);
    StateProof proof = new StateProof("c", "k", 1, h, null, null, null, siblings);

    // version, contract, key, height, root, terminal, count, 3-byte bitmap, one 32-byte sibling
    assertThat(proof.encode()).hasSize(1 + 3 + 5 + 8 + 32 + 1 + 2 + 3 + 32);
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] encoded = sampleProof().encode();
    for (int length = 0; length < encoded.length; length++) {
      byte[] cut = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> StateProof.decode(cut))
          .as("length %d", length)
          .isInstanceOf(MalformedStateProofException.class);
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] encoded = sampleProof().encode();
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);

    assertThatThrownBy(() -> StateProof.decode(longer))
        .isInstanceOf(MalformedStateProofException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void anUnknownVersionOrTerminalIsRejected() {
    byte[] encoded = sampleProof().encode();
    byte[] version = encoded.clone();
    version[0] = 2;
    assertThatThrownBy(() -> StateProof.decode(version))
        .isInstanceOf(MalformedStateProofException.class)
        .hasMessageContaining("version 2");

    byte[] terminal = encoded.clone();
    terminal[1 + 2 + NaiveStateTree.CONTRACT.length() + 4 + 1 + 8 + 32] = 9;
    assertThatThrownBy(() -> StateProof.decode(terminal))
        .isInstanceOf(MalformedStateProofException.class)
        .hasMessageContaining("terminal 9");
  }

  @Test
  void anEmptyHashMarkedPresentAndPaddingBitsAreRejected() {
    Bytes h = Bytes.of(filled(7));
    StateProof oneSibling = new StateProof("c", "k", 1, h, null, null, null, List.of(h));
    byte[] encoded = oneSibling.encode();
    int bitmapAt = encoded.length - 32 - 1;

    byte[] zeroSibling = encoded.clone();
    Arrays.fill(zeroSibling, encoded.length - 32, encoded.length, (byte) 0);
    assertThatThrownBy(() -> StateProof.decode(zeroSibling))
        .isInstanceOf(MalformedStateProofException.class)
        .hasMessageContaining("empty hash");

    byte[] padding = encoded.clone();
    padding[bitmapAt] |= 0x01;
    assertThatThrownBy(() -> StateProof.decode(padding))
        .isInstanceOf(MalformedStateProofException.class)
        .hasMessageContaining("padding");
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] encoded =
        new StateProof("c", "k", 1, Bytes.of(filled(1)), null, null, null, List.of()).encode();
    encoded[3] = (byte) 0xff;

    assertThatThrownBy(() -> StateProof.decode(encoded))
        .isInstanceOf(MalformedStateProofException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void encodingRefusesWhatTheFormatCannotHold() {
    Bytes h = Bytes.of(filled(1));
    assertThatThrownBy(
            () ->
                new StateProof("c", "k", 1, Bytes.of(new byte[3]), null, null, null, List.of())
                    .encode())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new StateProof("c", "k", 1, h, null, null, null, Collections.nCopies(257, h))
                    .encode())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StateProof("c", "k", 1, h, h, h, h, List.of()).encode())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<byte[]> mutatedProofs() {
    byte[] base = sampleProof().encode();
    return Arbitraries.integers()
        .between(0, base.length - 1)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            positions ->
                Arbitraries.bytes()
                    .list()
                    .ofSize(positions.size())
                    .map(
                        values -> {
                          byte[] m = base.clone();
                          for (int i = 0; i < positions.size(); i++) {
                            m[positions.get(i)] = values.get(i);
                          }
                          return m;
                        }));
  }

  @Property(tries = 500)
  void mutatedBytesDecodeToAProofThatReencodesIdenticallyOrAreRejected(
      @ForAll("mutatedProofs") byte[] bytes) {
    StateProof proof;
    try {
      proof = StateProof.decode(bytes);
    } catch (MalformedStateProofException e) {
      return;
    }
    assertThat(proof.encode()).isEqualTo(bytes);
  }

  @Property(tries = 300)
  void randomBytesNeverThrowAnythingButMalformed(@ForAll byte[] bytes) {
    try {
      StateProof.decode(bytes);
    } catch (MalformedStateProofException e) {
      assertThat(e.code()).isEqualTo("malformed-state-proof");
    }
  }

  private static StateProof sampleProof() {
    Map<String, String> entries = Map.of("a", "1", "b", "2", "c", "3", "d", "4");
    NaiveStateTree tree = new NaiveStateTree(SUITE, entries);
    return tree.prove("a", 3, entries);
  }

  private static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }
}
