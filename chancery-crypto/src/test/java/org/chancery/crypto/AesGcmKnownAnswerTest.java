package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chancery.crypto.TestVectors.concat;
import static org.chancery.crypto.TestVectors.hex;

import org.junit.jupiter.api.Test;

/**
 * The nist suite's AES-256-GCM against test cases 13, 14 and 16 of McGrew and Viega, "The
 * Galois/Counter Mode of Operation (GCM)", Appendix B (vectors/README.md). The suite picks its own
 * random nonce when encrypting, so the vectors are checked by opening {@code IV || C || T}.
 */
class AesGcmKnownAnswerTest {
  private final CryptoSuite nist = CryptoSuite.byName("nist");

  @Test
  void opensTestCase13EmptyPlaintext() {
    byte[] sealed = concat(new byte[12], hex("530f8afbc74536b9a963b4f1c4cb738b"));

    assertThat(nist.decrypt(new byte[32], sealed, new byte[0])).isEmpty();
  }

  @Test
  void opensTestCase14OneZeroBlock() {
    byte[] sealed =
        concat(
            new byte[12],
            hex("cea7403d4d606b6e074ec5d3baf39d18"),
            hex("d0d1c8a799996bf0265b98b5d48ab919"));

    assertThat(nist.decrypt(new byte[32], sealed, new byte[0])).isEqualTo(new byte[16]);
  }

  @Test
  void opensTestCase16WithAssociatedData() {
    byte[] key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] sealed =
        concat(
            hex("cafebabefacedbaddecaf888"),
            hex(
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                    + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"),
            hex("76fc6ece0f4e1768cddf8853bb2d551b"));
    byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");

    assertThat(hex(nist.decrypt(key, sealed, aad)))
        .isEqualTo(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  }

  @Test
  void rejectsTestCase16WithoutItsAssociatedData() {
    byte[] key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] sealed =
        concat(
            hex("cafebabefacedbaddecaf888"),
            hex(
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                    + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"),
            hex("76fc6ece0f4e1768cddf8853bb2d551b"));

    assertThatThrownBy(() -> nist.decrypt(key, sealed, new byte[0]))
        .isInstanceOf(DecryptionFailedException.class);
  }
}
