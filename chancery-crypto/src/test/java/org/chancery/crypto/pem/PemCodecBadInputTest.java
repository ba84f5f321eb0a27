package org.chancery.crypto.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.JdkKeys;
import org.chancery.crypto.MalformedKeyException;
import org.chancery.crypto.MalformedPemException;
import org.chancery.crypto.WrongCurveException;
import org.junit.jupiter.api.Test;

/** Every kind of bad PEM gives a typed exception that says what was expected and what was found. */
class PemCodecBadInputTest {
  private final CryptoSuite nist = CryptoSuite.byName("nist");
  private final CryptoSuite sm = CryptoSuite.byName("sm");

  @Test
  void refusesGarbageWhereAPrivateKeyIsExpected() {
    assertThatThrownBy(() -> PemCodec.decodePrivateKey("this is not a key", null))
        .isInstanceOfSatisfying(
            MalformedPemException.class, e -> assertThat(e.code()).isEqualTo("malformed-pem"))
        .hasMessageContaining("no PEM block found")
        .hasMessageContaining("-----BEGIN");
  }

  @Test
  void refusesGarbageWhereAPublicKeyIsExpected() {
    assertThatThrownBy(() -> PemCodec.decodePublicKey("%%%\u0000binary"))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("public key");
  }

  @Test
  void refusesEmptyText() {
    assertThatThrownBy(() -> PemCodec.decodePublicKey("  \n"))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("no PEM text");
  }

  @Test
  void refusesNullText() {
    assertThatThrownBy(() -> PemCodec.decodePrivateKey(null, null))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("no PEM text");
  }

  @Test
  void refusesTruncatedBase64() {
    String pem = PemCodec.encodePrivateKey(nist.generateKeyPair().privateKey());
    String[] lines = pem.split("\n");
    String truncated = lines[0] + "\n" + lines[1].substring(0, 30) + "\n" + lines[lines.length - 1];

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(truncated, null))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void refusesBase64WithInvalidCharacters() {
    String pem = PemCodec.encodePublicKey(sm.generateKeyPair().publicKey());
    String corrupted = pem.replaceFirst("\n(.)", "\n!");

    assertThatThrownBy(() -> PemCodec.decodePublicKey(corrupted))
        .isInstanceOf(MalformedPemException.class);
  }

  @Test
  void refusesABlockWithoutItsEndLine() {
    String pem = PemCodec.encodePublicKey(sm.generateKeyPair().publicKey());
    String cut = pem.substring(0, pem.indexOf("-----END"));

    assertThatThrownBy(() -> PemCodec.decodePublicKey(cut))
        .isInstanceOf(MalformedPemException.class);
  }

  @Test
  void refusesAnUnknownBlockType() {
    String pem = JdkKeys.pem("FOO BAR", new byte[] {1, 2, 3});

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, null))
        .isInstanceOf(MalformedPemException.class);
  }

  @Test
  void refusesACertificateWhereAPrivateKeyIsExpected() {
    String certificate = selfSignedCertificate(nist.generateKeyPair());

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(certificate, null))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("expected a private key")
        .hasMessageContaining("CERTIFICATE");
  }

  @Test
  void refusesACertificateWhereAPublicKeyIsExpected() {
    String certificate = selfSignedCertificate(nist.generateKeyPair());

    assertThatThrownBy(() -> PemCodec.decodePublicKey(certificate))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("expected a PUBLIC KEY block but found a CERTIFICATE");
  }

  @Test
  void refusesAPublicKeyWhereAPrivateKeyIsExpected() {
    String pem = PemCodec.encodePublicKey(sm.generateKeyPair().publicKey());

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, null))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("found a PUBLIC KEY");
  }

  @Test
  void refusesAPrivateKeyWhereAPublicKeyIsExpected() {
    String pem = PemCodec.encodePrivateKey(sm.generateKeyPair().privateKey());

    assertThatThrownBy(() -> PemCodec.decodePublicKey(pem))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("found a PRIVATE KEY");
  }

  @Test
  void refusesTwoBlocksWhereOneKeyIsExpected() {
    String two =
        PemCodec.encodePublicKey(sm.generateKeyPair().publicKey())
            + PemCodec.encodePublicKey(sm.generateKeyPair().publicKey());

    assertThatThrownBy(() -> PemCodec.decodePublicKey(two))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("found more");
  }

  @Test
  void refusesAKeyWhereACertificateIsExpected() {
    String pem = PemCodec.encodePublicKey(sm.generateKeyPair().publicKey());

    assertThatThrownBy(() -> PemCodec.decodeCertificate(pem))
        .isInstanceOf(MalformedPemException.class)
        .hasMessageContaining("expected CERTIFICATE blocks but found a PUBLIC KEY");
  }

  @Test
  void refusesAP256PrivateKeyWhereAnSm2KeyIsRequired() {
    String pem = PemCodec.encodePrivateKey(nist.generateKeyPair().privateKey());

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, null, Curve.SM2P256V1))
        .isInstanceOfSatisfying(
            WrongCurveException.class, e -> assertThat(e.code()).isEqualTo("wrong-curve"))
        .hasMessageContaining("secp256r1")
        .hasMessageContaining("sm2p256v1");
  }

  @Test
  void refusesAnSm2PublicKeyWhereAP256KeyIsRequired() {
    String pem = PemCodec.encodePublicKey(sm.generateKeyPair().publicKey());

    assertThatThrownBy(() -> PemCodec.decodePublicKey(pem, Curve.P256))
        .isInstanceOf(WrongCurveException.class)
        .hasMessageContaining("sm2p256v1");
  }

  @Test
  void refusesASecp384r1PublicKey() {
    KeyPair p384 = JdkKeys.ec("secp384r1");
    String pem = JdkKeys.pem("PUBLIC KEY", p384.getPublic().getEncoded());

    assertThatThrownBy(() -> PemCodec.decodePublicKey(pem))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("unsupported elliptic curve");
  }

  @Test
  void refusesASecp384r1PrivateKey() {
    KeyPair p384 = JdkKeys.ec("secp384r1");
    String pem = JdkKeys.pem("PRIVATE KEY", p384.getPrivate().getEncoded());

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, null))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("unsupported elliptic curve");
  }

  @Test
  void refusesAnRsaPrivateKey() {
    String pem = JdkKeys.pem("PRIVATE KEY", JdkKeys.rsa().getPrivate().getEncoded());

    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, null))
        .isInstanceOf(MalformedKeyException.class)
        .hasMessageContaining("not an elliptic-curve key");
  }

  private static String selfSignedCertificate(EcKeyPair keys) {
    try {
      X500Name name = new X500Name("CN=pem-codec-test");
      Date now = new Date();
      X509CertificateHolder holder =
          new X509v3CertificateBuilder(
                  name,
                  BigInteger.ONE,
                  now,
                  new Date(now.getTime() + 86_400_000L),
                  name,
                  SubjectPublicKeyInfo.getInstance(keys.publicKey().encoded()))
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(JcaBridge.provider())
                      .build(keys.privateKey().toJca()));
      return JdkKeys.pem("CERTIFICATE", holder.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a test certificate", e);
    }
  }
}
