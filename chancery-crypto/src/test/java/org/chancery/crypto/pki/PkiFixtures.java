package org.chancery.crypto.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.JcaBridge;

/**
 * Builders for the PKI tests: a fixed calendar, organisations, requests, hand-made certificates.
 */
final class PkiFixtures {
  /** When the test CAs start; every test time is relative to it, never the wall clock. */
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static final Instant CA_NOT_AFTER = T0.plus(Duration.ofDays(3650));
  static final Instant LEAF_NOT_BEFORE = T0.plus(Duration.ofDays(1));
  static final Instant LEAF_NOT_AFTER = T0.plus(Duration.ofDays(366));

  /** An instant at which both the test CAs and the test leaves are valid. */
  static final Instant DURING = T0.plus(Duration.ofDays(100));

  static final CryptoSuite TLS_SUITE = CryptoSuite.byName("nist");

  private PkiFixtures() {}

  static CryptoSuite suite(String name) {
    return CryptoSuite.byName(name);
  }

  static CertificateAuthority identityCa(CryptoSuite suite, String org) {
    return CertificateAuthority.createIdentityCa(suite, org, T0, CA_NOT_AFTER);
  }

  static CertificateAuthority tlsCa(String org) {
    return CertificateAuthority.createTlsCa(org, T0, CA_NOT_AFTER);
  }

  static CertificateRequest request(String commonName, MemberRole role, EcPublicKey key) {
    return new CertificateRequest(
        commonName, role, key, List.of(), List.of(), LEAF_NOT_BEFORE, LEAF_NOT_AFTER);
  }

  static CertificateRequest tlsRequest(
      String commonName, MemberRole role, EcPublicKey key, List<String> dns, List<String> ips) {
    return new CertificateRequest(commonName, role, key, dns, ips, LEAF_NOT_BEFORE, LEAF_NOT_AFTER);
  }

  /** Issues an identity certificate for a fresh key of the CA's suite. */
  static X509Certificate member(
      CertificateAuthority ca, CryptoSuite suite, String commonName, MemberRole role) {
    return ca.issueIdentity(request(commonName, role, suite.generateKeyPair().publicKey()));
  }

  static X500Name name(String org, String ou, String cn) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    if (org != null) {
      builder.addRDN(BCStyle.O, org);
    }
    if (ou != null) {
      builder.addRDN(BCStyle.OU, ou);
    }
    if (cn != null) {
      builder.addRDN(BCStyle.CN, cn);
    }
    return builder.build();
  }

  /**
   * A certificate that {@code ca} signs but {@link CertificateAuthority} would never issue: any
   * subject, leaf extensions unless {@code extensions} adds or replaces them.
   */
  static X509Certificate handMade(
      CertificateAuthority ca,
      X500Name subject,
      EcKeyPair subjectKeys,
      Consumer<X509v3CertificateBuilder> extensions) {
    try {
      X509CertificateHolder caHolder = new X509CertificateHolder(ca.certificate().getEncoded());
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
              caHolder.getSubject(),
              CertificateAuthority.serialNumber(new SecureRandom()),
              Date.from(LEAF_NOT_BEFORE),
              Date.from(LEAF_NOT_AFTER),
              subject,
              SubjectPublicKeyInfo.getInstance(subjectKeys.publicKey().encoded()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      extensions.accept(builder);
      return Certificates.toJca(
          builder.build(
              new JcaContentSignerBuilder(ca.signatureAlgorithm())
                  .setProvider(JcaBridge.provider())
                  .build(ca.keyPair().privateKey().toJca())));
    } catch (CertificateEncodingException | IOException | OperatorCreationException e) {
      throw new AssertionError(e);
    }
  }

  static void replace(
      X509v3CertificateBuilder builder,
      ASN1ObjectIdentifier oid,
      boolean critical,
      ASN1Encodable value) {
    try {
      builder.replaceExtension(oid, critical, value);
    } catch (CertIOException e) {
      throw new AssertionError(e);
    }
  }

  static void add(
      X509v3CertificateBuilder builder,
      ASN1ObjectIdentifier oid,
      boolean critical,
      ASN1Encodable value) {
    try {
      builder.addExtension(oid, critical, value);
    } catch (CertIOException e) {
      throw new AssertionError(e);
    }
  }

  /** Parses DER bytes with the BouncyCastle provider, as a certificate read from disk would be. */
  static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", JcaBridge.provider())
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new AssertionError(e);
    }
  }
}
