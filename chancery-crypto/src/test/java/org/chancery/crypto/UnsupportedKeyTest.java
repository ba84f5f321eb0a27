package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/**
 * Keys Chancery does not support (other curves, other algorithms, bytes that are no key) are
 * refused with {@link MalformedKeyException} and a message naming what is supported.
 */
class UnsupportedKeyTest {

  @Test
  void refusesASecp384r1PublicKeyFromTheJdk() {
    KeyPair p384 = JdkKeys.ec("secp384r1");

    assertThatThrownBy(() -> EcPublicKey.fromJca(p384.getPublic()))
        .isInstanceOfSatisfying(
            MalformedKeyException.class, e -> assertThat(e.code()).isEqualTo("malformed-key"))
        .hasMessageContaining("unsupported elliptic curve")
        .hasMessageContaining("1.3.132.0.34")
        .hasMessageContaining("sm2p256v1");
  }

  @Test
  void refusesASecp384r1PrivateKeyFromTheJdk() {
    KeyPair p384 = JdkKeys.ec("secp384r1");

    assertThatThrownBy(() -> EcPrivateKey.fromJca(p384.getPrivate()))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("unsupported elliptic curve");
  }

  @Test
  void refusesAnRsaPublicKey() {
    KeyPair rsa = JdkKeys.rsa();

    assertThatThrownBy(() -> EcPublicKey.fromJca(rsa.getPublic()))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("not an elliptic-curve key");
  }

  @Test
  void acceptsAP256KeyFromTheJdk() {
    KeyPair p256 = JdkKeys.ec("secp256r1");

    EcPrivateKey key = EcPrivateKey.fromJca(p256.getPrivate());

    assertThat(key.curve()).isEqualTo(Curve.P256);
    assertThat(key.publicKey()).isEqualTo(EcPublicKey.fromJca(p256.getPublic()));
  }

  @Test
  void refusesBytesThatAreNotASubjectPublicKeyInfo() {
    assertThatThrownBy(() -> EcPublicKey.fromSubjectPublicKeyInfo(new byte[] {0x30, 0x03, 1, 2}))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("SubjectPublicKeyInfo");
  }

  @Test
  void refusesBytesThatAreNotAPkcs8Key() {
    assertThatThrownBy(() -> EcPrivateKey.fromPkcs8(new byte[] {1, 2, 3}))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("PKCS#8");
  }

  @Test
  void refusesAPointThatIsNotOnTheCurve() {
    byte[] point = CryptoSuite.byName("sm").generateKeyPair().publicKey().encodedPoint();
    point[64] ^= 1;

    assertThatThrownBy(() -> EcPublicKey.fromEncodedPoint(Curve.SM2P256V1, point))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("sm2p256v1");
  }

  @Test
  void refusesAPrivateScalarOutOfRange() {
    BigInteger n = Curve.P256.domain().getN();

    assertThatThrownBy(() -> EcPrivateKey.fromScalar(Curve.P256, n))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> EcPrivateKey.fromScalar(Curve.P256, BigInteger.ZERO))
        .isInstanceOf(MalformedKeyException.class);
  }
}
