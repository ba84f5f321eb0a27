package org.chancery.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chancery.crypto.pki.PkiFixtures.CA_NOT_AFTER;
import static org.chancery.crypto.pki.PkiFixtures.LEAF_NOT_AFTER;
import static org.chancery.crypto.pki.PkiFixtures.LEAF_NOT_BEFORE;
import static org.chancery.crypto.pki.PkiFixtures.T0;
import static org.chancery.crypto.pki.PkiFixtures.TLS_SUITE;
import static org.chancery.crypto.pki.PkiFixtures.identityCa;
import static org.chancery.crypto.pki.PkiFixtures.member;
import static org.chancery.crypto.pki.PkiFixtures.request;
import static org.chancery.crypto.pki.PkiFixtures.suite;
import static org.chancery.crypto.pki.PkiFixtures.tlsCa;
import static org.chancery.crypto.pki.PkiFixtures.tlsRequest;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.WrongCurveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateAuthorityTest {
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SM3_WITH_SM2 = "1.2.156.10197.1.501";
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  // keyUsage bits as X509Certificate.getKeyUsage() numbers them (RFC 5280 order).
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;

  static Stream<Arguments> suitesAndRoles() {
    return Stream.of("sm", "nist")
        .flatMap(s -> Stream.of(MemberRole.values()).map(r -> Arguments.of(s, r)));
  }

  private static String signatureOid(String suiteName) {
    return suiteName.equals("sm") ? SM3_WITH_SM2 : ECDSA_WITH_SHA256;
  }

  private static byte[] subjectKeyId(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
        .getKeyIdentifier();
  }

  private static byte[] authorityKeyId(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
        .getKeyIdentifierOctets();
  }

  private static Set<Integer> keyUsageBits(X509Certificate certificate) {
    boolean[] bits = certificate.getKeyUsage();
    Set<Integer> on = new HashSet<>();
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        on.add(i);
      }
    }
    return on;
  }

  // --- CA certificates ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCaIsNamedForItsOrganisation(String suiteName) {
    CertificateAuthority ca = identityCa(suite(suiteName), "tax-bureau");
    assertThat(ca.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=tax-bureau Identity CA,O=tax-bureau");
    assertThat(ca.organisation()).isEqualTo("tax-bureau");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCaUsesTheSuitesCurveAndSignatureAlgorithm(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    assertThat(ca.keyPair().curve()).isEqualTo(suite.curve());
    assertThat(EcPublicKey.fromJca(ca.certificate().getPublicKey()).curve())
        .isEqualTo(suite.curve());
    assertThat(ca.certificate().getSigAlgOID()).isEqualTo(signatureOid(suiteName));
    assertThat(ca.signatureAlgorithm()).isEqualTo(suite.signatureAlgorithm());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCaIsSelfSigned(String suiteName) {
    X509Certificate certificate = identityCa(suite(suiteName), "org1").certificate();
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(certificate.getSubjectX500Principal());
    assertThatCode(() -> certificate.verify(certificate.getPublicKey(), JcaBridge.provider()))
        .doesNotThrowAnyException();
  }

  @Test
  void tlsCaIsAlwaysEcdsaP256() {
    CertificateAuthority ca = tlsCa("org1");
    assertThat(ca.keyPair().curve()).isEqualTo(Curve.P256);
    assertThat(ca.certificate().getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA256);
    assertThat(ca.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=org1 TLS CA,O=org1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist", "tls"})
  void caCertificateHasCaExtensions(String kind) {
    CertificateAuthority ca = kind.equals("tls") ? tlsCa("org1") : identityCa(suite(kind), "org1");
    X509Certificate certificate = ca.certificate();
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getBasicConstraints()).as("CA:TRUE, pathlen 0").isZero();
    assertThat(keyUsageBits(certificate)).containsExactlyInAnyOrder(KEY_CERT_SIGN, CRL_SIGN);
    assertThat(certificate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
    assertThat(subjectKeyId(certificate)).hasSize(20);
    assertThat(authorityKeyId(certificate)).isEqualTo(subjectKeyId(certificate));
  }

  @Test
  void caValidityIsWhatWasAsked() {
    X509Certificate certificate = identityCa(suite("sm"), "org1").certificate();
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(T0);
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(CA_NOT_AFTER);
  }

  @Test
  void validityIsKeptToWholeSeconds() {
    CertificateAuthority ca =
        CertificateAuthority.createTlsCa("org1", T0.plusMillis(999), CA_NOT_AFTER.plusMillis(1));
    assertThat(ca.certificate().getNotBefore().toInstant()).isEqualTo(T0);
    assertThat(ca.certificate().getNotAfter().toInstant()).isEqualTo(CA_NOT_AFTER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " "})
  void refusesBlankOrganisation(String orgId) {
    assertThatThrownBy(() -> CertificateAuthority.createTlsCa(orgId, T0, CA_NOT_AFTER))
        .isInstanceOf(InvalidCertificateRequestException.class)
        .hasMessageContaining("organisation id");
  }

  @Test
  void refusesCaValidityThatEndsBeforeItStarts() {
    assertThatThrownBy(
            () -> CertificateAuthority.createIdentityCa(suite("sm"), "org1", CA_NOT_AFTER, T0))
        .isInstanceOf(InvalidCertificateRequestException.class);
  }

  @Test
  void acceptsTheLongestOrganisationIdNetworkInitAllows() {
    String orgId = "o".repeat(63);
    CertificateAuthority ca = CertificateAuthority.createTlsCa(orgId, T0, CA_NOT_AFTER);
    assertThat(ca.certificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=" + orgId + " TLS CA,O=" + orgId);
  }

  @Test
  void keepsChineseOrganisationAndMemberNames() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "税务局");
    X509Certificate clerk = member(ca, suite, "张三", MemberRole.CLIENT);
    assertThat(clerk.getSubjectX500Principal().getName()).isEqualTo("CN=张三,OU=client,O=税务局");
  }

  @Test
  void serialNumbersArePositiveDistinctAndFitIn159Bits() {
    CryptoSuite suite = suite("nist");
    CertificateAuthority ca = identityCa(suite, "org1");
    Set<BigInteger> serials = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      BigInteger serial = member(ca, suite, "m" + i, MemberRole.CLIENT).getSerialNumber();
      assertThat(serial.signum()).isPositive();
      assertThat(serial.bitLength()).isLessThanOrEqualTo(159);
      serials.add(serial);
    }
    assertThat(serials).hasSize(50);
  }

  // --- identity certificates ---

  @ParameterizedTest
  @MethodSource("suitesAndRoles")
  void identityCertificateNamesMemberRoleAndOrganisation(String suiteName, MemberRole role) {
    CryptoSuite suite = suite(suiteName);
    X509Certificate certificate = member(identityCa(suite, "org1"), suite, "m1", role);
    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=m1,OU=" + role.ou() + ",O=org1");
    assertThat(certificate.getIssuerX500Principal().getName())
        .isEqualTo("CN=org1 Identity CA,O=org1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCertificateBindsTheRequestedKeyAndValidity(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    EcPublicKey key = suite.generateKeyPair().publicKey();
    X509Certificate certificate =
        identityCa(suite, "org1").issueIdentity(request("node1", MemberRole.NODE, key));
    assertThat(EcPublicKey.fromJca(certificate.getPublicKey())).isEqualTo(key);
    assertThat(certificate.getNotBefore().toInstant()).isEqualTo(LEAF_NOT_BEFORE);
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(LEAF_NOT_AFTER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCertificateIsSignedByTheCaWithTheSuitesAlgorithm(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.CLIENT);
    assertThat(certificate.getSigAlgOID()).isEqualTo(signatureOid(suiteName));
    assertThatCode(() -> certificate.verify(ca.certificate().getPublicKey(), JcaBridge.provider()))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void identityCertificateHasLeafExtensions(String suiteName) throws Exception {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.ADMIN);
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getBasicConstraints()).as("CA:FALSE").isEqualTo(-1);
    assertThat(certificate.getExtensionValue(BASIC_CONSTRAINTS)).isNotNull();
    assertThat(keyUsageBits(certificate)).containsExactly(DIGITAL_SIGNATURE);
    assertThat(certificate.getCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
    assertThat(certificate.getExtendedKeyUsage()).isNull();
    assertThat(certificate.getSubjectAlternativeNames()).isNull();
    assertThat(subjectKeyId(certificate)).hasSize(20);
    assertThat(authorityKeyId(certificate)).isEqualTo(subjectKeyId(ca.certificate()));
  }

  @Test
  void identityCertificateIgnoresRequestedHostNames() throws Exception {
    CryptoSuite suite = suite("sm");
    X509Certificate certificate =
        identityCa(suite, "org1")
            .issueIdentity(
                tlsRequest(
                    "node1",
                    MemberRole.NODE,
                    suite.generateKeyPair().publicKey(),
                    List.of("node1.example"),
                    List.of("10.0.0.1")));
    assertThat(certificate.getSubjectAlternativeNames()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void issueIdentityRefusesKeyOnTheOtherSuitesCurve(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CryptoSuite other = suite(suiteName.equals("sm") ? "nist" : "sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    assertThatThrownBy(
            () ->
                ca.issueIdentity(
                    request("alice", MemberRole.CLIENT, other.generateKeyPair().publicKey())))
        .isInstanceOf(WrongCurveException.class)
        .hasMessageContaining("alice")
        .hasMessageContaining(suite.curve().curveName());
  }

  // --- TLS certificates ---

  @Test
  void nodeTlsCertificateAllowsServerAndClientAuthentication() throws Exception {
    X509Certificate certificate =
        tlsCa("org1")
            .issueTls(
                tlsRequest(
                    "node1",
                    MemberRole.NODE,
                    TLS_SUITE.generateKeyPair().publicKey(),
                    List.of("node1.org1.example"),
                    List.of("10.0.0.11")));
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
  }

  @ParameterizedTest
  @EnumSource(
      value = MemberRole.class,
      names = {"ADMIN", "CLIENT", "REGULATOR"})
  void userTlsCertificateAllowsOnlyClientAuthentication(MemberRole role) throws Exception {
    X509Certificate certificate =
        tlsCa("org1").issueTls(request("user1", role, TLS_SUITE.generateKeyPair().publicKey()));
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
  }

  @Test
  void tlsCertificateListsDnsNamesAndIpAddresses() throws Exception {
    X509Certificate certificate =
        tlsCa("org1")
            .issueTls(
                tlsRequest(
                    "node1",
                    MemberRole.NODE,
                    TLS_SUITE.generateKeyPair().publicKey(),
                    List.of("node1.org1.example", "localhost"),
                    List.of("10.0.0.11", "::1")));
    assertThat(certificate.getSubjectAlternativeNames())
        .containsExactly(
            List.of(DNS_NAME, "node1.org1.example"),
            List.of(DNS_NAME, "localhost"),
            List.of(IP_ADDRESS, "10.0.0.11"),
            List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
  }

  @Test
  void tlsCertificateWithoutHostNamesHasNoSubjectAlternativeName() throws Exception {
    X509Certificate certificate =
        tlsCa("org1")
            .issueTls(request("alice", MemberRole.CLIENT, TLS_SUITE.generateKeyPair().publicKey()));
    assertThat(certificate.getSubjectAlternativeNames()).isNull();
  }

  @Test
  void tlsCertificateHasLeafKeyUsageAndIdentifiers() {
    CertificateAuthority ca = tlsCa("org1");
    X509Certificate certificate =
        ca.issueTls(request("node1", MemberRole.NODE, TLS_SUITE.generateKeyPair().publicKey()));
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(keyUsageBits(certificate)).containsExactly(DIGITAL_SIGNATURE);
    assertThat(certificate.getCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
    assertThat(certificate.getNonCriticalExtensionOIDs()).contains(EXTENDED_KEY_USAGE);
    assertThat(authorityKeyId(certificate)).isEqualTo(subjectKeyId(ca.certificate()));
    assertThat(certificate.getSigAlgOID()).isEqualTo(ECDSA_WITH_SHA256);
  }

  @Test
  void tlsCertificateParsesWithTheJdksOwnCertificateFactory() throws Exception {
    X509Certificate issued =
        tlsCa("org1")
            .issueTls(
                tlsRequest(
                    "node1",
                    MemberRole.NODE,
                    TLS_SUITE.generateKeyPair().publicKey(),
                    List.of("node1.org1.example"),
                    List.of()));
    X509Certificate jdk =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issued.getEncoded()));
    assertThat(jdk.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
    assertThat(jdk.getSubjectAlternativeNames())
        .containsExactly(List.of(DNS_NAME, "node1.org1.example"));
    assertThat(jdk.getSubjectX500Principal().getName()).isEqualTo("CN=node1,OU=node,O=org1");
  }

  @Test
  void issueTlsRefusesSm2SubjectKey() {
    assertThatThrownBy(
            () ->
                tlsCa("org1")
                    .issueTls(
                        request(
                            "node1", MemberRole.NODE, suite("sm").generateKeyPair().publicKey())))
        .isInstanceOf(WrongCurveException.class)
        .hasMessageContaining("P-256");
  }

  @Test
  void smIdentityCaRefusesToIssueTlsCertificates() {
    assertThatThrownBy(
            () ->
                identityCa(suite("sm"), "org1")
                    .issueTls(
                        request("node1", MemberRole.NODE, TLS_SUITE.generateKeyPair().publicKey())))
        .isInstanceOf(WrongCurveException.class)
        .hasMessageContaining("TLS CA");
  }

  // --- load ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void loadedCaIssuesCertificatesThatChainToTheOriginal(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority original = identityCa(suite, "org1");
    CertificateAuthority loaded =
        CertificateAuthority.load(
            PkiFixtures.parse(PkiFixtures.der(original.certificate())),
            original.keyPair().privateKey());
    X509Certificate alice = member(loaded, suite, "alice", MemberRole.CLIENT);
    MemberIdentity identity =
        new CertificateValidator(List.of(original.certificate()), RevocationSet.empty())
            .validate(alice, PkiFixtures.DURING);
    assertThat(identity.commonName()).isEqualTo("alice");
    assertThat(loaded.organisation()).isEqualTo("org1");
    assertThat(loaded.signatureAlgorithm()).isEqualTo(suite.signatureAlgorithm());
    assertThat(loaded.keyPair()).isEqualTo(original.keyPair());
  }

  @Test
  void loadRefusesKeyOfAnotherCa() {
    CertificateAuthority org1 = identityCa(suite("sm"), "org1");
    CertificateAuthority org2 = identityCa(suite("sm"), "org2");
    assertThatThrownBy(
            () -> CertificateAuthority.load(org1.certificate(), org2.keyPair().privateKey()))
        .isInstanceOf(CaKeyMismatchException.class)
        .hasMessageContaining("CN=org1 Identity CA");
  }

  @Test
  void loadRefusesKeyOnAnotherCurve() {
    CertificateAuthority org1 = identityCa(suite("sm"), "org1");
    assertThatThrownBy(
            () ->
                CertificateAuthority.load(
                    org1.certificate(), TLS_SUITE.generateKeyPair().privateKey()))
        .isInstanceOf(CaKeyMismatchException.class);
  }

  @Test
  void loadRefusesMemberCertificate() {
    CryptoSuite suite = suite("nist");
    CertificateAuthority ca = identityCa(suite, "org1");
    var keys = suite.generateKeyPair();
    X509Certificate alice = ca.issueIdentity(request("alice", MemberRole.CLIENT, keys.publicKey()));
    assertThatThrownBy(() -> CertificateAuthority.load(alice, keys.privateKey()))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("not a CA certificate");
  }
}
