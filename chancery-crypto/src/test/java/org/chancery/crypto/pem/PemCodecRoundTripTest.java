package org.chancery.crypto.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chancery.crypto.CryptoException;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.WrongPassphraseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys of both suites survive PEM encoding, in the block types OpenSSL writes. */
class PemCodecRoundTripTest {
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void publicKeyRoundTrips(CryptoSuite suite) {
    EcPublicKey key = suite.generateKeyPair().publicKey();

    String pem = PemCodec.encodePublicKey(key);

    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(PemCodec.decodePublicKey(pem)).isEqualTo(key);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void publicKeyRoundTripsWithItsCurveChecked(CryptoSuite suite) {
    EcPublicKey key = suite.generateKeyPair().publicKey();

    assertThat(PemCodec.decodePublicKey(PemCodec.encodePublicKey(key), suite.curve()))
        .isEqualTo(key);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void privateKeyRoundTrips(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    String pem = PemCodec.encodePrivateKey(keys.privateKey());
    EcPrivateKey decoded = PemCodec.decodePrivateKey(pem, null);

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(decoded.curve()).isEqualTo(suite.curve());
    assertThat(decoded.publicKey()).isEqualTo(keys.publicKey());
    assertThat(decoded.parameters().getD()).isEqualTo(keys.privateKey().parameters().getD());
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void decodedPrivateKeySignsForTheOriginalPublicKey(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();
    EcPrivateKey decoded =
        PemCodec.decodePrivateKey(PemCodec.encodePrivateKey(keys.privateKey()), null);

    byte[] signature = suite.sign(decoded, new byte[] {1, 2, 3});

    assertThat(suite.verify(keys.publicKey(), new byte[] {1, 2, 3}, signature)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void encryptedPrivateKeyOpensWithTheRightPassphrase(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    String pem = PemCodec.encodePrivateKey(keys.privateKey(), PASSPHRASE);
    EcPrivateKey decoded = PemCodec.decodePrivateKey(pem, PASSPHRASE.clone(), suite.curve());

    assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(decoded.publicKey()).isEqualTo(keys.publicKey());
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void encryptedPrivateKeyDoesNotContainThePlainKey(CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    String encrypted = PemCodec.encodePrivateKey(keys.privateKey(), PASSPHRASE);
    String plainBody = PemCodec.encodePrivateKey(keys.privateKey()).split("\n")[1];

    assertThat(encrypted).doesNotContain(plainBody);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void encryptedPrivateKeyRejectsAWrongPassphrase(CryptoSuite suite) {
    String pem = PemCodec.encodePrivateKey(suite.generateKeyPair().privateKey(), PASSPHRASE);

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, "Correct horse".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining("passphrase")
        .extracting(e -> ((CryptoException) e).code())
        .isEqualTo("wrong-passphrase");
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void encryptedPrivateKeyRejectsAMissingPassphrase(CryptoSuite suite) {
    String pem = PemCodec.encodePrivateKey(suite.generateKeyPair().privateKey(), PASSPHRASE);

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, null))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining("encrypted")
        .hasMessageContaining("passphrase");
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void encryptedPrivateKeyRejectsAnEmptyPassphrase(CryptoSuite suite) {
    String pem = PemCodec.encodePrivateKey(suite.generateKeyPair().privateKey(), PASSPHRASE);

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, new char[0]))
        .isInstanceOf(WrongPassphraseException.class);
  }
}
