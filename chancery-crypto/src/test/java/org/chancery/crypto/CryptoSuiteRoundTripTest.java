package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chancery.crypto.TestVectors.ascii;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each suite must give back: sign/verify, encrypt/decrypt and wrap/unwrap round trips. */
class CryptoSuiteRoundTripTest {
  private static final byte[] MESSAGE = ascii("deposit 7f3a: sha256 of contract.pdf");
  private static final byte[] AAD = ascii("record 42, organisation tax-bureau");

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void verifiesItsOwnSignature(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    byte[] signature = suite.sign(keys.privateKey(), MESSAGE);

    assertThat(suite.verify(keys.publicKey(), MESSAGE, signature)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void signsAndVerifiesTheEmptyMessage(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    byte[] signature = suite.sign(keys.privateKey(), new byte[0]);

    assertThat(suite.verify(keys.publicKey(), new byte[0], signature)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void rejectsSignatureUnderAnotherKey(CryptoSuite suite) {
    EcKeyPair signer = suite.generateKeyPair();
    EcKeyPair other = suite.generateKeyPair();

    byte[] signature = suite.sign(signer.privateKey(), MESSAGE);

    assertThat(suite.verify(other.publicKey(), MESSAGE, signature)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void signatureIsDerSequenceOfRAndS(CryptoSuite suite) {
    byte[] signature = suite.sign(suite.generateKeyPair().privateKey(), MESSAGE);

    assertThat(signature[0]).isEqualTo((byte) 0x30);
    assertThat(signature[1] & 0xff).isEqualTo(signature.length - 2);
    assertThat(signature.length).isBetween(8, 72);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void decryptsWhatItEncryptedWithAssociatedData(CryptoSuite suite) {
    byte[] key = suite.newDataKey();

    byte[] sealed = suite.encrypt(key, MESSAGE, AAD);

    assertThat(suite.decrypt(key, sealed, AAD)).isEqualTo(MESSAGE);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void sealedFormIsNonceCiphertextTag(CryptoSuite suite) {
    byte[] sealed = suite.encrypt(suite.newDataKey(), MESSAGE, AAD);

    assertThat(sealed).hasSize(12 + MESSAGE.length + 16);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void encryptsTheEmptyPlaintext(CryptoSuite suite) {
    byte[] key = suite.newDataKey();

    byte[] sealed = suite.encrypt(key, new byte[0], new byte[0]);

    assertThat(suite.decrypt(key, sealed, new byte[0])).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void usesAFreshNonceForEveryEncryption(CryptoSuite suite) {
    byte[] key = suite.newDataKey();

    byte[] first = suite.encrypt(key, MESSAGE, AAD);
    byte[] second = suite.encrypt(key, MESSAGE, AAD);

    assertThat(first).isNotEqualTo(second);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void rejectsDecryptionUnderAnotherDataKey(CryptoSuite suite) {
    byte[] sealed = suite.encrypt(suite.newDataKey(), MESSAGE, AAD);

    assertThatThrownBy(() -> suite.decrypt(suite.newDataKey(), sealed, AAD))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageContaining(suite.cipherAlgorithm());
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void dataKeysHaveTheCiphersLength(CryptoSuite suite) {
    assertThat(suite.newDataKey()).hasSize(suite.dataKeyLength());
    assertThat(suite.dataKeyLength()).isEqualTo(suite.name().equals("sm") ? 16 : 32);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void unwrapsWhatItWrapped(CryptoSuite suite) {
    EcKeyPair recipient = suite.generateKeyPair();
    byte[] dataKey = suite.newDataKey();

    byte[] wrapped = suite.wrapKey(recipient.publicKey(), dataKey);

    assertThat(suite.unwrapKey(recipient.privateKey(), wrapped)).isEqualTo(dataKey);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void wrappedKeyDecryptsTheDocument(CryptoSuite suite) {
    // The envelope the private store uses: a document sealed under a data key, and the data key
    // wrapped for each entitled organisation.
    EcKeyPair organisation = suite.generateKeyPair();
    byte[] dataKey = suite.newDataKey();
    byte[] document = suite.encrypt(dataKey, MESSAGE, AAD);
    byte[] wrapped = suite.wrapKey(organisation.publicKey(), dataKey);

    byte[] recovered = suite.unwrapKey(organisation.privateKey(), wrapped);

    assertThat(suite.decrypt(recovered, document, AAD)).isEqualTo(MESSAGE);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void rejectsUnwrapWithAnotherRecipientsKey(CryptoSuite suite) {
    byte[] wrapped = suite.wrapKey(suite.generateKeyPair().publicKey(), suite.newDataKey());
    EcPrivateKey stranger = suite.generateKeyPair().privateKey();

    assertThatThrownBy(() -> suite.unwrapKey(stranger, wrapped))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void wrappingTheSameKeyTwiceGivesDifferentBytes(CryptoSuite suite) {
    EcPublicKey recipient = suite.generateKeyPair().publicKey();
    byte[] dataKey = suite.newDataKey();

    assertThat(suite.wrapKey(recipient, dataKey)).isNotEqualTo(suite.wrapKey(recipient, dataKey));
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void generatesKeysOnItsCurve(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    assertThat(keys.curve()).isEqualTo(suite.curve());
    assertThat(keys.publicKey().curve()).isEqualTo(suite.curve());
    assertThat(keys.publicKey().encodedPoint()).hasSize(65).startsWith((byte) 0x04);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void hashIsDeterministicAndThirtyTwoBytes(CryptoSuite suite) {
    assertThat(suite.hash(MESSAGE)).hasSize(32).isEqualTo(suite.hash(MESSAGE.clone()));
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void isFoundByItsName(CryptoSuite suite) {
    assertThat(CryptoSuite.byName(suite.name())).isSameAs(suite);
  }
}
