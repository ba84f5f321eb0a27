package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chancery.crypto.TestVectors.ascii;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single flipped bit, anywhere in what is signed, sealed or wrapped, is detected. The loops
 * are exhaustive over bit positions so a gap at any offset (a length field, a point's prefix byte)
 * cannot hide.
 */
class TamperDetectionTest {
  private static final byte[] MESSAGE = ascii("licence 330106-2019-000417 granted to tax-bureau");
  private static final byte[] AAD = ascii("grant 9: purpose=reimbursement, until=2025-06-30");

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void anyFlippedBitInTheSignatureFailsVerification(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();
    byte[] signature = suite.sign(keys.privateKey(), MESSAGE);

    List<Integer> accepted = new ArrayList<>();
    for (int bit = 0; bit < signature.length * 8; bit++) {
      if (suite.verify(keys.publicKey(), MESSAGE, Tamper.flipBit(signature, bit))) {
        accepted.add(bit);
      }
    }

    assertThat(accepted).as("bits whose flip still verified").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void anyFlippedBitInTheMessageFailsVerification(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();
    byte[] signature = suite.sign(keys.privateKey(), MESSAGE);

    List<Integer> accepted = new ArrayList<>();
    for (int bit = 0; bit < MESSAGE.length * 8; bit++) {
      if (suite.verify(keys.publicKey(), Tamper.flipBit(MESSAGE, bit), signature)) {
        accepted.add(bit);
      }
    }

    assertThat(accepted).as("bits whose flip still verified").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void anyFlippedBitInNonceCiphertextOrTagFailsDecryption(CryptoSuite suite) {
    byte[] key = suite.newDataKey();
    byte[] sealed = suite.encrypt(key, MESSAGE, AAD);

    List<Integer> accepted = new ArrayList<>();
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      if (opens(suite, key, Tamper.flipBit(sealed, bit), AAD)) {
        accepted.add(bit);
      }
    }

    assertThat(accepted).as("bits whose flip still decrypted").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void anyFlippedBitInTheAssociatedDataFailsDecryption(CryptoSuite suite) {
    byte[] key = suite.newDataKey();
    byte[] sealed = suite.encrypt(key, MESSAGE, AAD);

    List<Integer> accepted = new ArrayList<>();
    for (int bit = 0; bit < AAD.length * 8; bit++) {
      if (opens(suite, key, sealed, Tamper.flipBit(AAD, bit))) {
        accepted.add(bit);
      }
    }

    assertThat(accepted).as("bits whose flip still decrypted").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void truncatedOrExtendedCiphertextFailsDecryption(CryptoSuite suite) {
    byte[] key = suite.newDataKey();
    byte[] sealed = suite.encrypt(key, MESSAGE, AAD);
    byte[] truncated = Arrays.copyOf(sealed, sealed.length - 1);
    byte[] extended = Arrays.copyOf(sealed, sealed.length + 1);

    assertThatThrownBy(() -> suite.decrypt(key, truncated, AAD))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> suite.decrypt(key, extended, AAD))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void anyFlippedBitInAWrappedKeyFailsUnwrapping(CryptoSuite suite) {
    EcKeyPair recipient = suite.generateKeyPair();
    // Several wraps, so each ephemeral-point shape (for example an even or odd y) is covered.
    for (int round = 0; round < 4; round++) {
      byte[] wrapped = suite.wrapKey(recipient.publicKey(), suite.newDataKey());

      List<Integer> accepted = new ArrayList<>();
      for (int bit = 0; bit < wrapped.length * 8; bit++) {
        if (unwraps(suite, recipient.privateKey(), Tamper.flipBit(wrapped, bit))) {
          accepted.add(bit);
        }
      }

      assertThat(accepted).as("bits whose flip still unwrapped").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void wrappedKeyWithItsEphemeralPointReencodedFailsUnwrapping(CryptoSuite suite) {
    // SEC 1 lets a decoder accept the "hybrid" prefix 0x06/0x07 for the same point as 0x04. One
    // flipped bit (0x04 -> 0x06) turns a valid wrapped key into such an encoding; if the unwrap
    // decoded it, the bytes would be malleable. Build it deliberately so both y parities are hit.
    EcKeyPair recipient = suite.generateKeyPair();
    byte[] wrapped = suite.wrapKey(recipient.publicKey(), suite.newDataKey());
    boolean yIsOdd = (wrapped[64] & 1) == 1;
    byte[] hybrid = Tamper.withByte(wrapped, 0, yIsOdd ? 0x07 : 0x06);

    assertThatThrownBy(() -> suite.unwrapKey(recipient.privateKey(), hybrid))
        .isInstanceOf(DecryptionFailedException.class);
  }

  private static boolean opens(CryptoSuite suite, byte[] key, byte[] sealed, byte[] aad) {
    try {
      suite.decrypt(key, sealed, aad);
      return true;
    } catch (DecryptionFailedException expected) {
      return false;
    }
  }

  private static boolean unwraps(CryptoSuite suite, EcPrivateKey key, byte[] wrapped) {
    try {
      suite.unwrapKey(key, wrapped);
      return true;
    } catch (DecryptionFailedException expected) {
      return false;
    }
  }
}
