package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.TestVectors.ascii;
import static org.chancery.crypto.TestVectors.hex;

import org.junit.jupiter.api.Test;

/** The nist suite's hash against FIPS 180-2 Appendix B (vectors/README.md). */
class Sha256KnownAnswerTest {
  private final CryptoSuite nist = CryptoSuite.byName("nist");

  @Test
  void hashesTheEmptyString() {
    assertThat(hex(nist.hash(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void hashesAbcAsInExampleB1() {
    assertThat(hex(nist.hash(ascii("abc"))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hashesTwoBlockMessageAsInExampleB2() {
    byte[] input = ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");

    assertThat(hex(nist.hash(input)))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void hashesOneMillionAsIncrementallyAsInExampleB3() {
    CryptoSuite.Hasher hasher = nist.newHasher();
    byte[] thousand = ascii("a".repeat(1000));
    for (int i = 0; i < 1000; i++) {
      hasher.update(thousand);
    }

    assertThat(hex(hasher.digest()))
        .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  @Test
  void reportsThirtyTwoByteDigests() {
    assertThat(nist.hashLength()).isEqualTo(32);
    assertThat(nist.hashAlgorithm()).isEqualTo("SHA-256");
  }
}
