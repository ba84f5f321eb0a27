package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.TestVectors.ascii;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.crypto.pem.PemCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and signatures cross between Chancery and OpenSSL 3 in both directions. OpenSSL's default
 * SM2 user ID is empty, so every SM2 command names {@code distid:1234567812345678}
 * (vectors/README.md). Skipped only when {@code openssl} is not on the PATH; CI has it.
 */
class OpenSslInteropTest {
  private static final String DIST_ID = "distid:1234567812345678";
  private static final byte[] MESSAGE = ascii("evidence certificate 2024-000871\n");
  private static final String PASSPHRASE = "org1 admin passphrase";

  private final CryptoSuite sm = CryptoSuite.byName("sm");
  private final CryptoSuite nist = CryptoSuite.byName("nist");

  @TempDir Path dir;

  @BeforeAll
  static void requireOpenSsl() {
    Assumptions.assumeTrue(OpenSsl.available(), "openssl is not on the PATH");
  }

  @Test
  void openSslVerifiesOurSm2Signature() throws IOException {
    EcKeyPair keys = sm.generateKeyPair();
    write("pub.pem", PemCodec.encodePublicKey(keys.publicKey()));
    Files.write(dir.resolve("msg"), MESSAGE);
    Files.write(dir.resolve("sig"), sm.sign(keys.privateKey(), MESSAGE));

    OpenSsl.Result result = verifySm2WithOpenSsl("pub.pem", "msg", "sig");

    assertThat(result.output()).contains("Signature Verified Successfully");
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void openSslRejectsOurSm2SignatureOverAnotherMessage() throws IOException {
    // Shows the check above is a real check: the same command fails on a wrong signature.
    EcKeyPair keys = sm.generateKeyPair();
    write("pub.pem", PemCodec.encodePublicKey(keys.publicKey()));
    Files.write(dir.resolve("msg"), MESSAGE);
    Files.write(dir.resolve("sig"), sm.sign(keys.privateKey(), ascii("another message")));

    assertThat(verifySm2WithOpenSsl("pub.pem", "msg", "sig").succeeded()).isFalse();
  }

  @Test
  void weVerifyAnSm2SignatureOpenSslMade() throws IOException {
    run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", "key.pem");
    run("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
    Files.write(dir.resolve("msg"), MESSAGE);
    run(
        "pkeyutl",
        "-sign",
        "-inkey",
        "key.pem",
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        DIST_ID,
        "-in",
        "msg",
        "-out",
        "sig");
    EcPublicKey openSslKey = PemCodec.decodePublicKey(read("pub.pem"), Curve.SM2P256V1);

    boolean valid = sm.verify(openSslKey, MESSAGE, Files.readAllBytes(dir.resolve("sig")));

    assertThat(valid).isTrue();
  }

  @Test
  void weReadAnSm2PrivateKeyOpenSslMade() throws IOException {
    run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", "key.pem");
    run("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");

    EcPrivateKey key = PemCodec.decodePrivateKey(read("key.pem"), null, Curve.SM2P256V1);

    assertThat(key.publicKey()).isEqualTo(PemCodec.decodePublicKey(read("pub.pem")));
  }

  @Test
  void openSslReadsOurEncryptedPkcs8Key() throws IOException {
    EcKeyPair keys = sm.generateKeyPair();
    write("key.pem", PemCodec.encodePrivateKey(keys.privateKey(), PASSPHRASE.toCharArray()));

    run("pkey", "-in", "key.pem", "-passin", "pass:" + PASSPHRASE, "-pubout", "-out", "pub.pem");

    assertThat(PemCodec.decodePublicKey(read("pub.pem"))).isEqualTo(keys.publicKey());
  }

  @Test
  void openSslRefusesOurEncryptedPkcs8KeyWithAWrongPassphrase() throws IOException {
    EcKeyPair keys = sm.generateKeyPair();
    write("key.pem", PemCodec.encodePrivateKey(keys.privateKey(), PASSPHRASE.toCharArray()));

    OpenSsl.Result result =
        OpenSsl.run(dir, "pkey", "-in", "key.pem", "-passin", "pass:wrong", "-noout");

    assertThat(result.succeeded()).isFalse();
  }

  @Test
  void weReadAnEncryptedPkcs8KeyOpenSslMade() throws IOException {
    run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
    run(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        "key.pem",
        "-passout",
        "pass:" + PASSPHRASE,
        "-out",
        "encrypted.pem");

    EcPrivateKey key =
        PemCodec.decodePrivateKey(read("encrypted.pem"), PASSPHRASE.toCharArray(), Curve.P256);

    assertThat(key.publicKey())
        .isEqualTo(PemCodec.decodePrivateKey(read("key.pem"), null).publicKey());
  }

  @Test
  void weReadAnSec1EcPrivateKeyOpenSslMade() throws IOException {
    run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
    run("ec", "-in", "key.pem", "-out", "sec1.pem");
    assertThat(read("sec1.pem")).startsWith("-----BEGIN EC PRIVATE KEY-----");

    EcPrivateKey key = PemCodec.decodePrivateKey(read("sec1.pem"), null, Curve.P256);

    assertThat(key.publicKey())
        .isEqualTo(PemCodec.decodePrivateKey(read("key.pem"), null).publicKey());
  }

  @Test
  void openSslVerifiesOurP256Signature() throws IOException {
    EcKeyPair keys = nist.generateKeyPair();
    write("pub.pem", PemCodec.encodePublicKey(keys.publicKey()));
    Files.write(dir.resolve("msg"), MESSAGE);
    Files.write(dir.resolve("sig"), nist.sign(keys.privateKey(), MESSAGE));

    OpenSsl.Result result =
        OpenSsl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "msg");

    assertThat(result.output()).contains("Verified OK");
    assertThat(result.succeeded()).isTrue();
  }

  private OpenSsl.Result verifySm2WithOpenSsl(String publicKey, String message, String signature) {
    return OpenSsl.run(
        dir,
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        publicKey,
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        DIST_ID,
        "-in",
        message,
        "-sigfile",
        signature);
  }

  /** Runs openssl and fails the test, showing its output, if it does not succeed. */
  private void run(String... args) {
    OpenSsl.Result result = OpenSsl.run(dir, args);
    assertThat(result.succeeded())
        .as("openssl %s failed:%n%s", String.join(" ", args), result.output())
        .isTrue();
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }
}
