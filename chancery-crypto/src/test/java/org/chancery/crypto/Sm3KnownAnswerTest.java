package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.TestVectors.ascii;
import static org.chancery.crypto.TestVectors.hex;

import org.junit.jupiter.api.Test;

/** SM3 against GB/T 32905-2016, examples 1 and 2 (vectors/README.md). */
class Sm3KnownAnswerTest {
  private final CryptoSuite sm = CryptoSuite.byName("sm");

  @Test
  void hashesAbcAsInExample1() {
    assertThat(hex(sm.hash(ascii("abc"))))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  }

  @Test
  void hashesSixtyFourBytesAsInExample2() {
    assertThat(hex(sm.hash(ascii("abcd".repeat(16)))))
        .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }

  @Test
  void incrementalHasherGivesTheSameDigestAsExample2() {
    byte[] input = ascii("abcd".repeat(16));

    byte[] digest = sm.newHasher().update(input, 0, 3).update(input, 3, 61).digest();

    assertThat(hex(digest))
        .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }

  @Test
  void hasherIsResetAfterDigest() {
    CryptoSuite.Hasher hasher = sm.newHasher();
    hasher.update(ascii("something else")).digest();

    assertThat(hex(hasher.update(ascii("abc")).digest()))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  }

  @Test
  void reportsThirtyTwoByteDigests() {
    assertThat(sm.hashLength()).isEqualTo(32);
    assertThat(sm.hashAlgorithm()).isEqualTo("SM3");
  }
}
