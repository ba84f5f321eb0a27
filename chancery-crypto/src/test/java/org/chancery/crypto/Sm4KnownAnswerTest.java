package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.TestVectors.concat;
import static org.chancery.crypto.TestVectors.hex;

import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * SM4 against GB/T 32907-2016 examples 1 and 2, and SM4-GCM against RFC 8998 Appendix A.1
 * (vectors/README.md).
 *
 * <p>The standard's vectors are single-block ECB encryptions, but the suite exposes SM4 only inside
 * GCM (ECB is not a safe way to encrypt data). So the block cipher is checked through
 * BouncyCastle's {@link SM4Engine}, the exact class the suite plugs into GCM; the suite itself is
 * then checked with RFC 8998's SM4-GCM vector.
 */
class Sm4KnownAnswerTest {
  private static final byte[] KEY = hex("0123456789abcdeffedcba9876543210");
  private static final byte[] PLAINTEXT = hex("0123456789abcdeffedcba9876543210");

  @Test
  void encryptsOneBlockAsInExample1() {
    SM4Engine engine = new SM4Engine();
    engine.init(true, new KeyParameter(KEY));
    byte[] out = new byte[16];

    engine.processBlock(PLAINTEXT, 0, out, 0);

    assertThat(hex(out)).isEqualTo("681edf34d206965e86b3e94f536e4246");
  }

  @Test
  void encryptsOneMillionTimesAsInExample2() {
    SM4Engine engine = new SM4Engine();
    engine.init(true, new KeyParameter(KEY));
    byte[] block = PLAINTEXT.clone();

    for (int i = 0; i < 1_000_000; i++) {
      engine.processBlock(block, 0, block, 0);
    }

    assertThat(hex(block)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
  }

  @Test
  void suiteOpensTheRfc8998Sm4GcmVector() {
    byte[] nonce = hex("00001234567800000000abcd");
    byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] ciphertext =
        hex(
            "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
                + "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d");
    byte[] tag = hex("83de3541e4c2b58177e065a9bf7b62ec");
    byte[] sealed = concat(nonce, ciphertext, tag);

    byte[] plaintext = CryptoSuite.byName("sm").decrypt(KEY, sealed, aad);

    assertThat(hex(plaintext))
        .isEqualTo(
            "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd"
                + "eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa");
  }
}
