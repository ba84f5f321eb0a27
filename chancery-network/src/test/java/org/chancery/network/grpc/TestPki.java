package org.chancery.network.grpc;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.pki.CertificateAuthority;
import org.chancery.crypto.pki.CertificateRequest;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.network.tls.TlsMaterial;

/**
 * The TLS CAs of a test consortium, made the way {@code network init} makes them, and node
 * certificates issued from them, including the bad ones the tests need.
 */
final class TestPki {
  private final Instant now = Instant.now();
  private final Map<String, CertificateAuthority> cas = new LinkedHashMap<>();

  TestPki(String... organisations) {
    for (String org : organisations) {
      cas.put(org, newCa(org));
    }
  }

  /** A CA of {@code org} that no member of this consortium trusts. */
  CertificateAuthority newCa(String org) {
    return CertificateAuthority.createTlsCa(
        org, now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(20)));
  }

  CertificateAuthority ca(String org) {
    return cas.get(org);
  }

  List<X509Certificate> trustedCas() {
    return cas.values().stream().map(CertificateAuthority::certificate).toList();
  }

  Instant now() {
    return now;
  }

  /** A good node certificate of {@code name} in {@code org}, trusting every organisation. */
  TlsMaterial node(String org, String name) {
    return issue(
        ca(org),
        name,
        MemberRole.NODE,
        now.minus(Duration.ofDays(10)),
        now.plus(Duration.ofDays(10)));
  }

  /** A certificate {@code ca} issued; the material trusts every consortium CA and {@code ca}. */
  TlsMaterial issue(
      CertificateAuthority ca, String name, MemberRole role, Instant notBefore, Instant notAfter) {
    EcKeyPair keys = CryptoSuite.byName("nist").generateKeyPair();
    X509Certificate certificate =
        ca.issueTls(
            new CertificateRequest(
                name, role, keys.publicKey(), List.of(), List.of(), notBefore, notAfter));
    return TlsMaterial.of(List.of(certificate), keys.privateKey(), trustedPlus(ca));
  }

  /**
   * A node certificate whose subject claims {@code claimedOrg} but which {@code signer}, another
   * organisation's CA, signed: what {@link CertificateAuthority} refuses to make, built by hand.
   */
  TlsMaterial forged(String claimedOrg, CertificateAuthority signer, String name) throws Exception {
    EcKeyPair keys = CryptoSuite.byName("nist").generateKeyPair();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, claimedOrg)
            .addRDN(BCStyle.OU, MemberRole.NODE.ou())
            .addRDN(BCStyle.CN, name)
            .build();
    X500Name issuer =
        X500Name.getInstance(signer.certificate().getSubjectX500Principal().getEncoded());
    SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.publicKey().encoded());
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            issuer,
            new BigInteger(128, new SecureRandom()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            publicKey);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(signer.certificate()));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .setProvider(JcaBridge.provider())
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(JcaBridge.provider())
                        .build(signer.keyPair().privateKey().toJca())));
    return TlsMaterial.of(List.of(certificate), keys.privateKey(), trustedCas());
  }

  private List<X509Certificate> trustedPlus(CertificateAuthority ca) {
    List<X509Certificate> all = new ArrayList<>(trustedCas());
    if (!all.contains(ca.certificate())) {
      all.add(ca.certificate());
    }
    return all;
  }
}
