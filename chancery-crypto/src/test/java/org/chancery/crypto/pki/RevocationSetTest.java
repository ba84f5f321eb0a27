package org.chancery.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.pki.PkiFixtures.identityCa;
import static org.chancery.crypto.pki.PkiFixtures.member;
import static org.chancery.crypto.pki.PkiFixtures.suite;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

class RevocationSetTest {
  private final CryptoSuite suite = suite("nist");
  private final CertificateAuthority ca = identityCa(suite, "org1");
  private final X509Certificate alice = member(ca, suite, "alice", MemberRole.CLIENT);
  private final X509Certificate bob = member(ca, suite, "bob", MemberRole.CLIENT);

  @Test
  void emptySetRevokesNothing() {
    assertThat(RevocationSet.empty().contains(alice)).isFalse();
    assertThat(RevocationSet.empty().size()).isZero();
  }

  @Test
  void containsACertificateAddedToIt() {
    assertThat(RevocationSet.empty().with(alice).contains(alice)).isTrue();
  }

  @Test
  void doesNotContainAnotherCertificateOfTheSameIssuer() {
    assertThat(RevocationSet.empty().with(alice).contains(bob)).isFalse();
  }

  @Test
  void withLeavesTheOriginalSetUnchanged() {
    RevocationSet before = RevocationSet.empty();
    RevocationSet after = before.with(alice);
    assertThat(before.contains(alice)).isFalse();
    assertThat(after).isNotSameAs(before);
    assertThat(after.size()).isEqualTo(1);
  }

  @Test
  void namesACertificateByIssuerAndSerialNumber() {
    RevocationSet revoked =
        RevocationSet.empty().with(alice.getIssuerX500Principal(), alice.getSerialNumber());
    assertThat(revoked.contains(alice)).isTrue();
  }

  @Test
  void comparesIssuerNamesInCanonicalForm() {
    RevocationSet revoked =
        RevocationSet.empty()
            .with(new X500Principal("cn=ORG1 identity ca,  o=ORG1"), alice.getSerialNumber());
    assertThat(revoked.contains(alice)).isTrue();
  }

  @Test
  void sameSerialNumberFromAnotherIssuerIsNotRevoked() {
    RevocationSet revoked =
        RevocationSet.empty()
            .with(new X500Principal("CN=org2 Identity CA, O=org2"), alice.getSerialNumber());
    assertThat(revoked.contains(alice)).isFalse();
  }

  @Test
  void addingTheSameCertificateTwiceCountsOnce() {
    RevocationSet revoked = RevocationSet.empty().with(alice).with(alice);
    assertThat(revoked.size()).isEqualTo(1);
    assertThat(revoked).isEqualTo(RevocationSet.empty().with(alice));
  }

  @Test
  void serialNumbersCompareByValue() {
    RevocationSet revoked =
        RevocationSet.empty()
            .with(
                alice.getIssuerX500Principal(), new BigInteger(alice.getSerialNumber().toString()));
    assertThat(revoked.contains(alice)).isTrue();
  }
}
