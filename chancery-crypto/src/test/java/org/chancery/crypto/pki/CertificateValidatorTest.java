package org.chancery.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chancery.crypto.pki.PkiFixtures.CA_NOT_AFTER;
import static org.chancery.crypto.pki.PkiFixtures.DURING;
import static org.chancery.crypto.pki.PkiFixtures.LEAF_NOT_AFTER;
import static org.chancery.crypto.pki.PkiFixtures.LEAF_NOT_BEFORE;
import static org.chancery.crypto.pki.PkiFixtures.T0;
import static org.chancery.crypto.pki.PkiFixtures.TLS_SUITE;
import static org.chancery.crypto.pki.PkiFixtures.der;
import static org.chancery.crypto.pki.PkiFixtures.handMade;
import static org.chancery.crypto.pki.PkiFixtures.identityCa;
import static org.chancery.crypto.pki.PkiFixtures.member;
import static org.chancery.crypto.pki.PkiFixtures.name;
import static org.chancery.crypto.pki.PkiFixtures.parse;
import static org.chancery.crypto.pki.PkiFixtures.request;
import static org.chancery.crypto.pki.PkiFixtures.suite;
import static org.chancery.crypto.pki.PkiFixtures.tlsCa;

import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateValidatorTest {

  private static CertificateValidator trusting(CertificateAuthority... cas) {
    return trusting(RevocationSet.empty(), cas);
  }

  private static CertificateValidator trusting(RevocationSet revoked, CertificateAuthority... cas) {
    return new CertificateValidator(
        Arrays.stream(cas).map(CertificateAuthority::certificate).toList(), revoked);
  }

  // --- accepted certificates ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void acceptsMemberCertificateOfEveryRole(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    CertificateValidator validator = trusting(ca);
    for (MemberRole role : MemberRole.values()) {
      MemberIdentity identity = validator.validate(member(ca, suite, "m1", role), DURING);
      assertThat(identity.role()).isEqualTo(role);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void extractsOrganisationRoleNameAndKey(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "land-registry");
    EcKeyPair keys = suite.generateKeyPair();
    X509Certificate certificate =
        ca.issueIdentity(request("registrar-7", MemberRole.ADMIN, keys.publicKey()));

    MemberIdentity identity = trusting(ca).validate(certificate, DURING);

    assertThat(identity.organisation()).isEqualTo("land-registry");
    assertThat(identity.role()).isEqualTo(MemberRole.ADMIN);
    assertThat(identity.commonName()).isEqualTo("registrar-7");
    assertThat(identity.certificate()).isSameAs(certificate);
    assertThat(identity.publicKey()).isEqualTo(keys.publicKey());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void validatedKeyVerifiesTheMembersSignatures(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    EcKeyPair keys = suite.generateKeyPair();
    X509Certificate certificate =
        ca.issueIdentity(request("node1", MemberRole.NODE, keys.publicKey()));
    byte[] vote = "precommit h=7 r=0".getBytes(StandardCharsets.UTF_8);

    MemberIdentity identity = trusting(ca).validate(certificate, DURING);

    assertThat(suite.verify(identity.publicKey(), vote, suite.sign(keys.privateKey(), vote)))
        .isTrue();
  }

  @Test
  void picksTheIssuingCaAmongSeveralOrganisations() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority org1 = identityCa(suite, "org1");
    CertificateAuthority org2 = identityCa(suite, "org2");
    CertificateAuthority org3 = identityCa(suite, "org3");
    X509Certificate certificate = member(org2, suite, "bob", MemberRole.REGULATOR);

    assertThat(trusting(org1, org2, org3).validate(certificate, DURING).organisation())
        .isEqualTo("org2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void acceptsCertificateReadBackFromItsBytes(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate reparsed = parse(der(member(ca, suite, "alice", MemberRole.CLIENT)));

    assertThat(trusting(ca).validate(reparsed, DURING).commonName()).isEqualTo("alice");
  }

  @Test
  void acceptsTlsCertificateAgainstTheTlsCa() {
    CertificateAuthority ca = tlsCa("org1");
    X509Certificate certificate =
        ca.issueTls(request("node1", MemberRole.NODE, TLS_SUITE.generateKeyPair().publicKey()));

    assertThat(trusting(ca).validate(certificate, DURING).role()).isEqualTo(MemberRole.NODE);
  }

  @Test
  void doesNotInstallBouncyCastleInTheJvm() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    trusting(ca).validate(member(ca, suite, "alice", MemberRole.CLIENT), DURING);

    assertThat(Security.getProvider("BC")).isNull();
  }

  // --- validity ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void acceptsCertificateOnTheFirstAndLastSecondOfItsValidity(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.CLIENT);
    CertificateValidator validator = trusting(ca);

    assertThat(validator.validate(certificate, LEAF_NOT_BEFORE)).isNotNull();
    assertThat(validator.validate(certificate, LEAF_NOT_AFTER)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateBeforeItsNotBefore(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.CLIENT);
    Instant early = LEAF_NOT_BEFORE.minusSeconds(1);

    assertThatThrownBy(() -> trusting(ca).validate(certificate, early))
        .isInstanceOf(NotYetValidCertificateException.class)
        .hasMessageContaining("CN=alice")
        .hasMessageContaining(early.toString())
        .hasMessageContaining(LEAF_NOT_BEFORE.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateAfterItsNotAfter(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.CLIENT);
    Instant late = LEAF_NOT_AFTER.plusSeconds(1);

    assertThatThrownBy(() -> trusting(ca).validate(certificate, late))
        .isInstanceOf(ExpiredCertificateException.class)
        .hasMessageContaining("CN=alice")
        .hasMessageContaining(late.toString())
        .hasMessageContaining(LEAF_NOT_AFTER.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateWhileItsCaIsNotYetValid(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    Instant caStart = LEAF_NOT_BEFORE.plus(Duration.ofDays(10));
    CertificateAuthority ca =
        CertificateAuthority.createIdentityCa(suite, "org1", caStart, CA_NOT_AFTER);
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.CLIENT);
    Instant at = LEAF_NOT_BEFORE.plus(Duration.ofDays(1));

    assertThatThrownBy(() -> trusting(ca).validate(certificate, at))
        .isInstanceOf(NotYetValidCertificateException.class)
        .hasMessageContaining("CA 'CN=org1 Identity CA, O=org1'")
        .hasMessageContaining(caStart.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateOnceItsCaHasExpired(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    Instant caEnd = LEAF_NOT_BEFORE.plus(Duration.ofDays(30));
    CertificateAuthority ca = CertificateAuthority.createIdentityCa(suite, "org1", T0, caEnd);
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.CLIENT);
    Instant at = caEnd.plus(Duration.ofDays(1));

    assertThatThrownBy(() -> trusting(ca).validate(certificate, at))
        .isInstanceOf(ExpiredCertificateException.class)
        .hasMessageContaining("CA 'CN=org1 Identity CA, O=org1'")
        .hasMessageContaining(caEnd.toString());
  }

  // --- trust ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateFromAnUnknownCa(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority member = identityCa(suite, "org1");
    CertificateAuthority stranger = identityCa(suite, "outsider");
    X509Certificate certificate = member(stranger, suite, "mallory", MemberRole.ADMIN);

    assertThatThrownBy(() -> trusting(member).validate(certificate, DURING))
        .isInstanceOf(UntrustedCertificateException.class)
        .hasMessageContaining("CN=mallory")
        .hasMessageContaining("CN=outsider Identity CA")
        .hasMessageContaining("[CN=org1 Identity CA, O=org1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateFromAnotherCaOfTheSameName(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority genuine = identityCa(suite, "org1");
    CertificateAuthority impostor = identityCa(suite, "org1");
    X509Certificate certificate = member(impostor, suite, "mallory", MemberRole.ADMIN);

    assertThatThrownBy(() -> trusting(genuine).validate(certificate, DURING))
        .isInstanceOf(UntrustedCertificateException.class)
        .hasMessageContaining("CN=mallory");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateWithAlteredSignature(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    byte[] bytes = der(member(ca, suite, "alice", MemberRole.CLIENT));
    // The last byte is the last byte of s in the DER signature: still well-formed, now wrong.
    bytes[bytes.length - 1] ^= 0x01;
    X509Certificate tampered = parse(bytes);

    assertThatThrownBy(() -> trusting(ca).validate(tampered, DURING))
        .isInstanceOf(UntrustedCertificateException.class)
        .hasMessageContaining("does not verify");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCertificateWithAlteredSignedContent(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    byte[] bytes = der(member(ca, suite, "alice", MemberRole.CLIENT));
    // Turn the CN "alice" into "alica": the TBS still parses, the signature no longer covers it.
    int at = indexOf(bytes, "alice".getBytes(StandardCharsets.US_ASCII));
    bytes[at + 4] = 'a';
    X509Certificate tampered = parse(bytes);
    assertThat(tampered.getSubjectX500Principal().getName()).contains("CN=alica");

    assertThatThrownBy(() -> trusting(ca).validate(tampered, DURING))
        .isInstanceOf(UntrustedCertificateException.class)
        .hasMessageContaining("CN=alica");
  }

  @Test
  void rejectsMemberCertificateClaimingAnotherOrganisation() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority org1 = identityCa(suite, "org1");
    CertificateAuthority org2 = identityCa(suite, "org2");
    X509Certificate forged =
        handMade(org1, name("org2", "admin", "fake-admin"), suite.generateKeyPair(), b -> {});

    assertThatThrownBy(() -> trusting(org1, org2).validate(forged, DURING))
        .isInstanceOf(UntrustedCertificateException.class)
        .hasMessageContaining("claims organisation org2")
        .hasMessageContaining("the CA of org1");
  }

  @Test
  void identityCertificateIsNotTrustedByTheTlsCas() {
    CryptoSuite suite = suite("nist");
    CertificateAuthority identity = identityCa(suite, "org1");
    X509Certificate certificate = member(identity, suite, "node1", MemberRole.NODE);

    assertThatThrownBy(() -> trusting(tlsCa("org1")).validate(certificate, DURING))
        .isInstanceOf(UntrustedCertificateException.class);
  }

  @Test
  void emptyTrustSetTrustsNothing() {
    CryptoSuite suite = suite("sm");
    X509Certificate certificate =
        member(identityCa(suite, "org1"), suite, "alice", MemberRole.CLIENT);

    assertThatThrownBy(() -> trusting().validate(certificate, DURING))
        .isInstanceOf(UntrustedCertificateException.class)
        .hasMessageContaining("(none)");
  }

  // --- revocation ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsRevokedCertificate(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate = member(ca, suite, "alice", MemberRole.CLIENT);

    assertThatThrownBy(
            () ->
                trusting(RevocationSet.empty().with(certificate), ca).validate(certificate, DURING))
        .isInstanceOf(RevokedCertificateException.class)
        .hasMessageContaining("CN=alice")
        .hasMessageContaining(certificate.getSerialNumber().toString(16));
  }

  @Test
  void acceptsCertificateWhenOnlyAnotherOneIsRevoked() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate alice = member(ca, suite, "alice", MemberRole.CLIENT);
    X509Certificate bob = member(ca, suite, "bob", MemberRole.CLIENT);

    assertThat(trusting(RevocationSet.empty().with(bob), ca).validate(alice, DURING)).isNotNull();
  }

  @Test
  void rejectsEveryCertificateOfARevokedCa() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate alice = member(ca, suite, "alice", MemberRole.CLIENT);

    assertThatThrownBy(
            () ->
                trusting(RevocationSet.empty().with(ca.certificate()), ca).validate(alice, DURING))
        .isInstanceOf(RevokedCertificateException.class)
        .hasMessageContaining("CA 'CN=org1 Identity CA, O=org1'");
  }

  // --- roles ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsRoleThatIsNotAllowed(String suiteName) {
    CryptoSuite suite = suite(suiteName);
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate client = member(ca, suite, "alice", MemberRole.CLIENT);

    assertThatThrownBy(() -> trusting(ca).validate(client, DURING, Set.of(MemberRole.ADMIN)))
        .isInstanceOf(WrongRoleException.class)
        .hasMessageContaining("CN=alice")
        .hasMessageContaining("has role client")
        .hasMessageContaining("one of: admin");
  }

  @ParameterizedTest
  @EnumSource(
      value = MemberRole.class,
      names = {"ADMIN", "REGULATOR"})
  void acceptsRoleThatIsAllowed(MemberRole role) {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate = member(ca, suite, "m1", role);

    assertThat(
            trusting(ca)
                .validate(certificate, DURING, Set.of(MemberRole.ADMIN, MemberRole.REGULATOR))
                .role())
        .isEqualTo(role);
  }

  @Test
  void checksValidityBeforeRole() {
    CryptoSuite suite = suite("nist");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate client = member(ca, suite, "alice", MemberRole.CLIENT);

    assertThatThrownBy(
            () ->
                trusting(ca)
                    .validate(client, LEAF_NOT_AFTER.plusSeconds(1), Set.of(MemberRole.ADMIN)))
        .isInstanceOf(ExpiredCertificateException.class);
  }

  // --- malformed ---

  @ParameterizedTest
  @ValueSource(strings = {"sm", "nist"})
  void rejectsCaCertificatePresentedAsMember(String suiteName) {
    CertificateAuthority ca = identityCa(suite(suiteName), "org1");

    assertThatThrownBy(() -> trusting(ca).validate(ca.certificate(), DURING))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("CN=org1 Identity CA")
        .hasMessageContaining("is a CA certificate");
  }

  @Test
  void rejectsCertificateWithoutRole() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate =
        handMade(ca, name("org1", null, "alice"), suite.generateKeyPair(), b -> {});

    assertThatThrownBy(() -> trusting(ca).validate(certificate, DURING))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("role (OU)");
  }

  @Test
  void rejectsCertificateWithUnknownRole() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate =
        handMade(ca, name("org1", "peer", "alice"), suite.generateKeyPair(), b -> {});

    assertThatThrownBy(() -> trusting(ca).validate(certificate, DURING))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("CN=alice")
        .hasMessageContaining("'peer'");
  }

  @Test
  void rejectsCertificateWithoutOrganisation() {
    CryptoSuite suite = suite("nist");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate =
        handMade(ca, name(null, "client", "alice"), suite.generateKeyPair(), b -> {});

    assertThatThrownBy(() -> trusting(ca).validate(certificate, DURING))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("organisation (O)");
  }

  @Test
  void rejectsLeafWhoseBasicConstraintsSayCa() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate =
        handMade(
            ca,
            name("org1", "node", "sub-ca"),
            suite.generateKeyPair(),
            b -> PkiFixtures.replace(b, Extension.basicConstraints, true, new BasicConstraints(0)));

    assertThatThrownBy(() -> trusting(ca).validate(certificate, DURING))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("is a CA certificate");
  }

  @Test
  void rejectsLeafThatMayNotSign() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate certificate =
        handMade(
            ca,
            name("org1", "client", "alice"),
            suite.generateKeyPair(),
            b ->
                PkiFixtures.replace(
                    b, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment)));

    assertThatThrownBy(() -> trusting(ca).validate(certificate, DURING))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("digitalSignature");
  }

  @Test
  void rejectsCertificateWithUnknownCriticalExtension() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    ASN1ObjectIdentifier unknown = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");
    X509Certificate certificate =
        handMade(
            ca,
            name("org1", "client", "alice"),
            suite.generateKeyPair(),
            b -> PkiFixtures.add(b, unknown, true, DERNull.INSTANCE));

    assertThatThrownBy(() -> trusting(ca).validate(certificate, DURING))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining(unknown.getId());
  }

  @Test
  void refusesToTrustACertificateThatIsNotACa() {
    CryptoSuite suite = suite("sm");
    CertificateAuthority ca = identityCa(suite, "org1");
    X509Certificate alice = member(ca, suite, "alice", MemberRole.CLIENT);

    assertThatThrownBy(() -> new CertificateValidator(List.of(alice), RevocationSet.empty()))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("CN=alice")
        .hasMessageContaining("not a CA certificate");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
