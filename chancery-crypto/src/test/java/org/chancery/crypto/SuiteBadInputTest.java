package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments to a suite give a typed exception whose message says what was expected. */
class SuiteBadInputTest {
  private static final byte[] PLAINTEXT = {1, 2, 3};
  private static final byte[] AAD = {9};

  @Test
  void unknownSuiteNameIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> CryptoSuite.byName("rsa"))
        .isInstanceOfSatisfying(
            UnknownSuiteException.class, e -> assertThat(e.code()).isEqualTo("unknown-suite"))
        .hasMessageContaining("'rsa'")
        .hasMessageContaining("sm, nist");
  }

  @Test
  void suiteNamesAreCaseSensitive() {
    assertThatThrownBy(() -> CryptoSuite.byName("SM")).isInstanceOf(UnknownSuiteException.class);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void encryptRefusesADataKeyOfTheWrongLength(CryptoSuite suite) {
    byte[] shortKey = new byte[suite.dataKeyLength() - 1];

    assertThatThrownBy(() -> suite.encrypt(shortKey, PLAINTEXT, AAD))
        .isInstanceOfSatisfying(
            MalformedKeyException.class, e -> assertThat(e.code()).isEqualTo("malformed-key"))
        .hasMessageContaining(suite.dataKeyLength() + " bytes")
        .hasMessageContaining("got " + shortKey.length);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void decryptRefusesADataKeyOfTheWrongLength(CryptoSuite suite) {
    byte[] sealed = suite.encrypt(suite.newDataKey(), PLAINTEXT, AAD);
    byte[] longKey = new byte[suite.dataKeyLength() + 1];

    assertThatThrownBy(() -> suite.decrypt(longKey, sealed, AAD))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining(suite.cipherAlgorithm());
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void wrapKeyRefusesADataKeyOfTheWrongLength(CryptoSuite suite) {
    EcPublicKey recipient = suite.generateKeyPair().publicKey();

    assertThatThrownBy(() -> suite.wrapKey(recipient, new byte[24]))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("got 24");
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void decryptRefusesCiphertextShorterThanNonceAndTag(CryptoSuite suite) {
    byte[] key = suite.newDataKey();

    assertThatThrownBy(() -> suite.decrypt(key, new byte[27], AAD))
        .isInstanceOfSatisfying(
            DecryptionFailedException.class,
            e -> assertThat(e.code()).isEqualTo("decryption-failed"))
        .hasMessageContaining("27 bytes")
        .hasMessageContaining("shorter");
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void decryptRefusesEmptyCiphertext(CryptoSuite suite) {
    assertThatThrownBy(() -> suite.decrypt(suite.newDataKey(), new byte[0], AAD))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void unwrapKeyRefusesAWrappedKeyOfTheWrongLength(CryptoSuite suite) {
    EcKeyPair recipient = suite.generateKeyPair();
    byte[] wrapped = suite.wrapKey(recipient.publicKey(), suite.newDataKey());
    byte[] truncated = Arrays.copyOf(wrapped, wrapped.length - 1);

    assertThatThrownBy(() -> suite.unwrapKey(recipient.privateKey(), truncated))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageContaining(truncated.length + " bytes");
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void unwrapKeyRefusesEmptyInput(CryptoSuite suite) {
    EcPrivateKey recipient = suite.generateKeyPair().privateKey();

    assertThatThrownBy(() -> suite.unwrapKey(recipient, new byte[0]))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void unwrapKeyRefusesRandomBytesOfTheRightLength(CryptoSuite suite) {
    EcKeyPair recipient = suite.generateKeyPair();
    byte[] random = new byte[suite.wrapKey(recipient.publicKey(), suite.newDataKey()).length];
    new SecureRandom().nextBytes(random);

    assertThatThrownBy(() -> suite.unwrapKey(recipient.privateKey(), random))
        .isInstanceOf(DecryptionFailedException.class);
  }
}
