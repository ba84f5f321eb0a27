package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.TestVectors.ascii;
import static org.chancery.crypto.TestVectors.concat;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signature bytes from the network are untrusted: anything that is not the one canonical DER
 * encoding of a valid (r, s) makes {@code verify} return {@code false}, never throw.
 */
class GarbageSignatureTest {
  private static final byte[] MESSAGE = ascii("block 1024 precommit");

  /** A genuine signature over {@link #MESSAGE}, split into r and s for re-encoding. */
  private record Signed(CryptoSuite suite, EcKeyPair keys, BigInteger r, BigInteger s) {
    static Signed by(CryptoSuite suite) {
      EcKeyPair keys = suite.generateKeyPair();
      ASN1Sequence seq = ASN1Sequence.getInstance(suite.sign(keys.privateKey(), MESSAGE));
      return new Signed(
          suite,
          keys,
          ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
          ASN1Integer.getInstance(seq.getObjectAt(1)).getValue());
    }

    boolean verifies(byte[] signature) {
      return suite.verify(keys.publicKey(), MESSAGE, signature);
    }
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void derBuiltHereFromTheSameRAndSVerifies(CryptoSuite suite) {
    // Guards the helpers below: a canonical re-encoding must still verify.
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(der(integer(sig.r()), integer(sig.s())))).isTrue();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void emptySignatureIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(new byte[0])).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void randomBytesAreFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);
    SecureRandom random = new SecureRandom();
    for (int length : new int[] {1, 8, 64, 70, 71, 72, 200}) {
      byte[] garbage = new byte[length];
      random.nextBytes(garbage);

      assertThat(sig.verifies(garbage)).as("%d random bytes", length).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void rawRConcatenatedWithSIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);
    byte[] raw =
        concat(
            BigIntegers.asUnsignedByteArray(32, sig.r()),
            BigIntegers.asUnsignedByteArray(32, sig.s()));

    assertThat(sig.verifies(raw)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void extraLeadingZeroInRIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(der(concat(new byte[] {0}, integer(sig.r())), integer(sig.s()))))
        .isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void extraLeadingZeroInSIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(der(integer(sig.r()), concat(new byte[] {0}, integer(sig.s())))))
        .isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void longFormLengthIsFalse(CryptoSuite suite) {
    // BER allows 0x81 0xLL for a short length; DER does not.
    Signed sig = Signed.by(suite);
    byte[] body = concat(tlv(0x02, integer(sig.r())), tlv(0x02, integer(sig.s())));
    byte[] longForm = concat(new byte[] {0x30, (byte) 0x81, (byte) body.length}, body);

    assertThat(sig.verifies(longForm)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void trailingByteAfterTheSequenceIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(concat(der(integer(sig.r()), integer(sig.s())), new byte[] {0})))
        .isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void thirdIntegerInTheSequenceIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);
    byte[] body =
        concat(tlv(0x02, integer(sig.r())), tlv(0x02, integer(sig.s())), tlv(0x02, new byte[] {1}));

    assertThat(sig.verifies(tlv(0x30, body))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void zeroRIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(der(integer(BigInteger.ZERO), integer(sig.s())))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void zeroSIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(der(integer(sig.r()), integer(BigInteger.ZERO)))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void rPlusTheGroupOrderIsFalse(CryptoSuite suite) {
    // r and r + n are the same value modulo n; a verifier that reduced first would accept it.
    Signed sig = Signed.by(suite);
    BigInteger n = suite.curve().domain().getN();

    assertThat(sig.verifies(der(integer(sig.r().add(n)), integer(sig.s())))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void negativeSIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(der(integer(sig.r()), integer(sig.s().negate())))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void rAndSSwappedIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);

    assertThat(sig.verifies(der(integer(sig.s()), integer(sig.r())))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void wrongOuterTagIsFalse(CryptoSuite suite) {
    Signed sig = Signed.by(suite);
    byte[] asSet = der(integer(sig.r()), integer(sig.s()));
    asSet[0] = 0x31;

    assertThat(sig.verifies(asSet)).isFalse();
  }

  /** Minimal two's-complement content bytes of an INTEGER, as DER requires. */
  private static byte[] integer(BigInteger value) {
    return value.toByteArray();
  }

  private static byte[] der(byte[] rContent, byte[] sContent) {
    return tlv(0x30, concat(tlv(0x02, rContent), tlv(0x02, sContent)));
  }

  private static byte[] tlv(int tag, byte[] content) {
    if (content.length > 127) {
      throw new IllegalArgumentException("short-form lengths only");
    }
    return concat(new byte[] {(byte) tag, (byte) content.length}, content);
  }
}
