package org.chancery.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.pki.PkiFixtures.TLS_SUITE;
import static org.chancery.crypto.pki.PkiFixtures.identityCa;
import static org.chancery.crypto.pki.PkiFixtures.request;
import static org.chancery.crypto.pki.PkiFixtures.suite;
import static org.chancery.crypto.pki.PkiFixtures.tlsCa;
import static org.chancery.crypto.pki.PkiFixtures.tlsRequest;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.pem.PemCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks that OpenSSL 3 reads and verifies what the PKI writes, with the commands {@code
 * docs/pki.md} gives. Skipped only where no {@code openssl} is installed.
 */
class OpensslInteropTest {
  private static final String DISTID = "distid:1234567812345678";
  private static Path openssl;

  @TempDir Path dir;

  @BeforeAll
  static void findOpenssl() {
    openssl = locateOpenssl().orElse(null);
    assumeTrue(
        openssl != null, "openssl is not installed; skipping OpenSSL interoperability checks");
  }

  private static Optional<Path> locateOpenssl() {
    Path usual = Path.of("/usr/bin/openssl");
    if (Files.isExecutable(usual)) {
      return Optional.of(usual);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .map(p -> Path.of(p, "openssl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private record Run(int exitCode, String output) {}

  private Run openssl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(openssl.toString());
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("openssl did not finish: " + command);
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private String write(String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return name;
  }

  private String write(String name, X509Certificate certificate) {
    return write(name, PemCodec.encodeCertificate(certificate));
  }

  private String text(String file) {
    Run run = openssl("x509", "-noout", "-text", "-in", file);
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run.output();
  }

  private static String signatureName(String suiteName) {
    return suiteName.equals("sm") ? "SM2-with-SM3" : "ecdsa-with-SHA256";
  }

  /**
   * {@code openssl verify} for an identity certificate: SM2 needs the user ID, ECDSA refuses it.
   */
  private Run verifyIdentity(String suiteName, String caFile, String certificateFile) {
    return suiteName.equals("sm")
        ? openssl("verify", "-vfyopt", DISTID, "-CAfile", caFile, certificateFile)
        : openssl("verify", "-CAfile", caFile, certificateFile);
  }

  // --- identity certificates ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCaPrintsItsSubjectAndCaExtensions(String suiteName) {
    String file = write("identity-ca.pem", identityCa(suite(suiteName), "org1").certificate());

    assertThat(text(file))
        .contains("Version: 3 (0x2)")
        .contains("Issuer: O = org1, CN = org1 Identity CA")
        .contains("Subject: O = org1, CN = org1 Identity CA")
        .contains("Signature Algorithm: " + signatureName(suiteName))
        .contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0")
        .contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign")
        .contains("X509v3 Subject Key Identifier")
        .contains(suiteName.equals("sm") ? "ASN1 OID: SM2" : "NIST CURVE: P-256");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCertificatePrintsMemberSubjectAndLeafExtensions(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    String file = write("cert.pem", PkiFixtures.member(ca, suite, "alice", MemberRole.REGULATOR));

    assertThat(text(file))
        .contains("Subject: O = org1, OU = regulator, CN = alice")
        .contains("Signature Algorithm: " + signatureName(suiteName))
        .contains("X509v3 Basic Constraints: critical\n                CA:FALSE")
        .contains("X509v3 Key Usage: critical\n                Digital Signature\n")
        .contains("X509v3 Authority Key Identifier")
        .doesNotContain("Extended Key Usage")
        .doesNotContain("Subject Alternative Name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCertificateOfEveryRoleVerifiesAgainstItsCa(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    String caFile = write("identity-ca.pem", ca.certificate());
    for (MemberRole role : MemberRole.values()) {
      String file = write(role.ou() + ".pem", PkiFixtures.member(ca, suite, role.ou(), role));

      Run run = verifyIdentity(suiteName, caFile, file);

      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).contains(file + ": OK");
    }
  }

  @Test
  void smIdentityCertificateDoesNotVerifyWithOpensslsDefaultUserId() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    String caFile = write("identity-ca.pem", ca.certificate());
    String file = write("cert.pem", PkiFixtures.member(ca, suite, "node1", MemberRole.NODE));

    Run run = openssl("verify", "-CAfile", caFile, file);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("certificate signature failure");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCertificateDoesNotVerifyAgainstAnotherOrganisationsCa(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority org1 = identityCa(suite, "org1");
    String otherCa = write("org2-identity-ca.pem", identityCa(suite, "org2").certificate());
    String file = write("cert.pem", PkiFixtures.member(org1, suite, "node1", MemberRole.NODE));

    Run run = verifyIdentity(suiteName, otherCa, file);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("unable to get local issuer certificate");
  }

  @Test
  void identityCertificateDoesNotVerifyAgainstAnImpostorCaOfTheSameName() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority genuine = identityCa(suite, "org1");
    String impostorCa = write("impostor.pem", identityCa(suite, "org1").certificate());
    String file = write("cert.pem", PkiFixtures.member(genuine, suite, "node1", MemberRole.NODE));

    Run run = verifyIdentity("sm", impostorCa, file);

    assertThat(run.exitCode()).isNotZero();
  }

  @Test
  void smIdentityCaVerifiesAsItsOwnTrustAnchor() {
    String caFile = write("identity-ca.pem", identityCa(suite("sm"), "org1").certificate());

    Run run = openssl("verify", "-vfyopt", DISTID, "-CAfile", caFile, caFile);

    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  /**
   * {@code openssl verify} never checks a trust anchor's own signature except with {@code
   * -check_ss_sig}, and that check ignores {@code -vfyopt}; so docs/pki.md checks an SM2 CA's
   * self-signature by hand with {@code pkeyutl}, as done here.
   */
  @Test
  void smIdentityCaSelfSignatureVerifiesWithTheDefaultUserIdOnly() {
    String caFile = write("identity-ca.pem", identityCa(suite("sm"), "org1").certificate());
    Run sequence = openssl("asn1parse", "-in", caFile);
    String[] lines = sequence.output().strip().split("\n");
    String signatureOffset = lines[lines.length - 1].strip().split(":")[0];
    assertThat(lines[lines.length - 1]).contains("BIT STRING");
    assertThat(openssl("asn1parse", "-in", caFile, "-strparse", "4", "-noout", "-out", "tbs.der"))
        .extracting(Run::exitCode)
        .isEqualTo(0);
    assertThat(
            openssl(
                "asn1parse",
                "-in",
                caFile,
                "-strparse",
                signatureOffset,
                "-noout",
                "-out",
                "sig.der"))
        .extracting(Run::exitCode)
        .isEqualTo(0);
    Run pubkey = openssl("x509", "-in", caFile, "-noout", "-pubkey", "-out", "ca-pub.pem");
    assertThat(pubkey.exitCode()).as(pubkey.output()).isZero();

    Run withId =
        openssl(
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "ca-pub.pem",
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            DISTID,
            "-in",
            "tbs.der",
            "-sigfile",
            "sig.der");
    Run withoutId =
        openssl(
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "ca-pub.pem",
            "-rawin",
            "-digest",
            "sm3",
            "-in",
            "tbs.der",
            "-sigfile",
            "sig.der");

    assertThat(withId.exitCode()).as(withId.output()).isZero();
    assertThat(withId.output()).contains("Signature Verified Successfully");
    assertThat(withoutId.exitCode()).isNotZero();
  }

  @Test
  void smMemberCertificateVerifiesAsOneLinkWithPartialChain() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    String caFile = write("identity-ca.pem", ca.certificate());
    String file = write("cert.pem", PkiFixtures.member(ca, suite, "admin@org1", MemberRole.ADMIN));

    Run run = openssl("verify", "-vfyopt", DISTID, "-partial_chain", "-CAfile", caFile, file);

    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  @Test
  void tlsCaSelfSignatureVerifies() {
    String caFile = write("tls-ca.pem", tlsCa("org1").certificate());

    Run run = openssl("verify", "-check_ss_sig", "-CAfile", caFile, caFile);

    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  @Test
  void smIdentityCaSelfSignatureCannotBeCheckedWithCheckSsSig() {
    String caFile = write("identity-ca.pem", identityCa(suite("sm"), "org1").certificate());

    Run run = openssl("verify", "-check_ss_sig", "-vfyopt", DISTID, "-CAfile", caFile, caFile);

    assertThat(run.exitCode()).isNotZero();
  }

  @Test
  void nistIdentityCaSelfSignatureVerifies() {
    String caFile = write("identity-ca.pem", identityCa(suite("nist"), "org1").certificate());

    Run run = openssl("verify", "-check_ss_sig", "-CAfile", caFile, caFile);

    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  // --- TLS certificates ---

  @Test
  void nodeTlsCertificatePrintsSubjectEkuAndSan() {
    X509Certificate certificate =
        tlsCa("org1")
            .issueTls(
                tlsRequest(
                    "node1",
                    MemberRole.NODE,
                    TLS_SUITE.generateKeyPair().publicKey(),
                    List.of("node1.org1.example", "localhost"),
                    List.of("127.0.0.1")));

    assertThat(text(write("node-tls.pem", certificate)))
        .contains("Issuer: O = org1, CN = org1 TLS CA")
        .contains("Subject: O = org1, OU = node, CN = node1")
        .contains("Signature Algorithm: ecdsa-with-SHA256")
        .contains("X509v3 Key Usage: critical\n                Digital Signature\n")
        .contains(
            "X509v3 Extended Key Usage: \n"
                + "                TLS Web Server Authentication, TLS Web Client Authentication")
        .contains(
            "X509v3 Subject Alternative Name: \n"
                + "                DNS:node1.org1.example, DNS:localhost, IP Address:127.0.0.1");
  }

  @Test
  void tlsCertificateListsItsExtensionsByName() {
    String file =
        write(
            "node-tls.pem",
            tlsCa("org1")
                .issueTls(
                    tlsRequest(
                        "node1",
                        MemberRole.NODE,
                        TLS_SUITE.generateKeyPair().publicKey(),
                        List.of("node1.org1.example"),
                        List.of("127.0.0.1"))));

    Run run =
        openssl(
            "x509",
            "-in",
            file,
            "-noout",
            "-subject",
            "-ext",
            "keyUsage,extendedKeyUsage,subjectAltName");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("subject=O = org1, OU = node, CN = node1")
        .contains("X509v3 Key Usage: critical\n    Digital Signature")
        .contains("TLS Web Server Authentication, TLS Web Client Authentication")
        .contains("DNS:node1.org1.example, IP Address:127.0.0.1");
  }

  @Test
  void clientTlsCertificatePrintsClientAuthenticationOnly() {
    X509Certificate certificate =
        tlsCa("org1")
            .issueTls(request("alice", MemberRole.CLIENT, TLS_SUITE.generateKeyPair().publicKey()));

    assertThat(text(write("client-tls.pem", certificate)))
        .contains("Subject: O = org1, OU = client, CN = alice")
        .contains("X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n")
        .doesNotContain("Server Authentication")
        .doesNotContain("Subject Alternative Name");
  }

  @Test
  void nodeTlsChainVerifiesForServerAndClientUse() {
    CertificateAuthority ca = tlsCa("org1");
    String caFile = write("tls-ca.pem", ca.certificate());
    String file =
        write(
            "node-tls.pem",
            ca.issueTls(
                tlsRequest(
                    "node1",
                    MemberRole.NODE,
                    TLS_SUITE.generateKeyPair().publicKey(),
                    List.of("node1.org1.example"),
                    List.of("10.0.0.11"))));

    assertThat(openssl("verify", "-CAfile", caFile, file).exitCode()).isZero();
    assertThat(openssl("verify", "-purpose", "sslserver", "-CAfile", caFile, file).exitCode())
        .isZero();
    assertThat(openssl("verify", "-purpose", "sslclient", "-CAfile", caFile, file).exitCode())
        .isZero();
  }

  @Test
  void nodeTlsCertificateMatchesItsHostNameAndAddress() {
    String file =
        write(
            "node-tls.pem",
            tlsCa("org1")
                .issueTls(
                    tlsRequest(
                        "node1",
                        MemberRole.NODE,
                        TLS_SUITE.generateKeyPair().publicKey(),
                        List.of("node1.org1.example"),
                        List.of("10.0.0.11"))));

    Run run =
        openssl(
            "x509",
            "-noout",
            "-in",
            file,
            "-checkhost",
            "node1.org1.example",
            "-checkip",
            "10.0.0.11");

    assertThat(run.output())
        .contains("Hostname node1.org1.example does match certificate")
        .contains("IP 10.0.0.11 does match certificate");
  }

  @Test
  void clientTlsCertificateIsRefusedForServerUse() {
    CertificateAuthority ca = tlsCa("org1");
    String caFile = write("tls-ca.pem", ca.certificate());
    String file =
        write(
            "client-tls.pem",
            ca.issueTls(
                request("alice", MemberRole.CLIENT, TLS_SUITE.generateKeyPair().publicKey())));

    assertThat(openssl("verify", "-purpose", "sslclient", "-CAfile", caFile, file).exitCode())
        .isZero();
    assertThat(openssl("verify", "-purpose", "sslserver", "-CAfile", caFile, file).exitCode())
        .isNotZero();
  }

  @Test
  void tlsCertificateDoesNotVerifyAgainstAnotherOrganisationsTlsCa() {
    String otherCa = write("org2-tls-ca.pem", tlsCa("org2").certificate());
    String file =
        write(
            "node-tls.pem",
            tlsCa("org1")
                .issueTls(
                    request("node1", MemberRole.NODE, TLS_SUITE.generateKeyPair().publicKey())));

    Run run = openssl("verify", "-CAfile", otherCa, file);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("unable to get local issuer certificate");
  }

  @Test
  void caBundleVerifiesTheNodesOfEveryOrganisation() {
    CertificateAuthority org1 = tlsCa("org1");
    CertificateAuthority org2 = tlsCa("org2");
    String bundle =
        write(
            "ca-bundle.pem",
            PemCodec.encodeCertificates(List.of(org1.certificate(), org2.certificate())));
    String node1 =
        write(
            "org1-node.pem",
            org1.issueTls(
                request("node1", MemberRole.NODE, TLS_SUITE.generateKeyPair().publicKey())));
    String node2 =
        write(
            "org2-node.pem",
            org2.issueTls(
                request("node1", MemberRole.NODE, TLS_SUITE.generateKeyPair().publicKey())));

    Run run = openssl("verify", "-CAfile", bundle, node1, node2);

    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  // --- keys, names, dates ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void encryptedKeyOpensWithItsPassphraseAndMatchesTheCertificate(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    EcKeyPair keys = suite.generateKeyPair();
    X509Certificate certificate =
        identityCa(suite, "org1")
            .issueIdentity(request("admin", MemberRole.ADMIN, keys.publicKey()));
    String certFile = write("cert.pem", certificate);
    String keyFile =
        write(
            "key.pem", PemCodec.encodePrivateKey(keys.privateKey(), "correct horse".toCharArray()));
    write("passphrase.txt", "correct horse\n");

    Run key = openssl("pkey", "-in", keyFile, "-passin", "file:passphrase.txt", "-pubout");
    Run cert = openssl("x509", "-in", certFile, "-noout", "-pubkey");

    assertThat(key.exitCode()).as(key.output()).isZero();
    assertThat(key.output()).isEqualTo(cert.output());
  }

  @Test
  void encryptedKeyDoesNotOpenWithAWrongPassphrase() {
    String keyFile =
        write(
            "key.pem",
            PemCodec.encodePrivateKey(
                suite("sm").generateKeyPair().privateKey(), "correct horse".toCharArray()));

    Run run = openssl("pkey", "-in", keyFile, "-passin", "pass:battery staple", "-noout");

    assertThat(run.exitCode()).isNotZero();
  }

  @Test
  void smKeyPrintsAsAnSm2Key() {
    String keyFile =
        write("key.pem", PemCodec.encodePrivateKey(suite("sm").generateKeyPair().privateKey()));

    Run run = openssl("pkey", "-in", keyFile, "-noout", "-text_pub");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("ASN1 OID: SM2").doesNotContain("priv:");
  }

  @Test
  void chineseNamesPrintUnchangedWithUtf8NameOption() {
    CryptoSuite suite = suite("sm");
    String file =
        write(
            "cert.pem",
            PkiFixtures.member(identityCa(suite, "税务局"), suite, "张三", MemberRole.CLIENT));

    Run run = openssl("x509", "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus", "-in", file);

    assertThat(run.output()).contains("O=税务局,OU=client,CN=张三");
  }

  @Test
  void validityBeyond2049IsReadByOpenssl() {
    Instant start = Instant.parse("2040-01-01T00:00:00Z");
    Instant end = Instant.parse("2060-06-30T12:00:00Z");
    String file =
        write("tls-ca.pem", CertificateAuthority.createTlsCa("org1", start, end).certificate());

    Run run = openssl("x509", "-noout", "-dates", "-in", file);

    assertThat(run.output())
        .contains("notBefore=Jan  1 00:00:00 2040 GMT")
        .contains("notAfter=Jun 30 12:00:00 2060 GMT");
  }
}
