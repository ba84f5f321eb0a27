package org.chancery.crypto.pki;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.MalformedKeyException;
import org.chancery.crypto.WrongCurveException;

/**
 * A certificate authority of one organisation: its self-signed certificate and its key. Each
 * organisation runs two, kept apart (see {@code docs/pki.md}):
 *
 * <ul>
 *   <li>the <em>identity CA</em> ({@link #createIdentityCa}), on the chain's suite (SM2 with SM3,
 *       or ECDSA P-256 with SHA-256), issues the certificates whose keys sign transactions, votes
 *       and blocks ({@link #issueIdentity});
 *   <li>the <em>TLS CA</em> ({@link #createTlsCa}), always ECDSA P-256 with SHA-256 so every TLS
 *       stack accepts it, issues the certificates nodes and clients present on mutual-TLS
 *       connections ({@link #issueTls}).
 * </ul>
 *
 * <p>CA certificates say {@code basicConstraints} CA:TRUE with path length 0 (critical), {@code
 * keyUsage} keyCertSign and cRLSign (critical), and carry subject and authority key identifiers.
 * Member certificates say CA:FALSE (critical), {@code keyUsage} digitalSignature only (critical),
 * carry both key identifiers, and for TLS an extended key usage and the subject alternative names.
 * Serial numbers are 159 random bits. Certificates signed with SM3withSM2 use the GB/T 35276
 * default user ID {@code 1234567812345678} (OpenSSL needs {@code -vfyopt distid:1234567812345678}
 * to verify them).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Instant now = Instant.now();
 * CertificateAuthority ca = CertificateAuthority.createIdentityCa(
 *     CryptoSuite.byName("sm"), "tax-bureau", now, now.plus(CertificateAuthority.DEFAULT_CA_VALIDITY));
 * EcKeyPair adminKeys = CryptoSuite.byName("sm").generateKeyPair();
 * X509Certificate admin = ca.issueIdentity(new CertificateRequest(
 *     "admin", MemberRole.ADMIN, adminKeys.publicKey(), List.of(), List.of(),
 *     now, now.plus(CertificateAuthority.DEFAULT_MEMBER_VALIDITY)));
 * }</pre>
 */
public final class CertificateAuthority {
  /** How long {@code chancery network init} makes CA certificates valid: ten years. */
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);

  /** How long {@code chancery network init} makes member certificates valid: two years. */
  public static final Duration DEFAULT_MEMBER_VALIDITY = Duration.ofDays(730);

  /** Serial numbers are positive and fit the 20 octets RFC 5280 allows. */
  static final int SERIAL_BITS = 159;

  private final X509Certificate certificate;
  private final X500Name subject;
  private final byte[] keyIdentifier;
  private final EcKeyPair keyPair;
  private final PrivateKey signingKey;
  private final String signatureAlgorithm;
  private final String organisation;
  private final SecureRandom random = new SecureRandom();

  private CertificateAuthority(X509CertificateHolder holder, EcKeyPair keyPair, String org) {
    this.certificate = Certificates.toJca(holder);
    this.subject = holder.getSubject();
    this.keyIdentifier = Certificates.subjectKeyIdentifier(holder);
    this.keyPair = keyPair;
    this.signingKey = keyPair.privateKey().toJca();
    this.signatureAlgorithm = signatureAlgorithmFor(keyPair.curve());
    this.organisation = org;
  }

  /**
   * Creates the identity CA of an organisation: a fresh key on {@code suite.curve()}, a certificate
   * self-signed with {@code suite.signatureAlgorithm()}, subject {@code CN=<orgId> Identity CA,
   * O=<orgId>}.
   *
   * @throws InvalidCertificateRequestException if {@code orgId} is blank, or the validity is empty
   *     or not encodable
   */
  public static CertificateAuthority createIdentityCa(
      CryptoSuite suite, String orgId, Instant notBefore, Instant notAfter) {
    Objects.requireNonNull(suite, "suite");
    return create(suite.generateKeyPair(), orgId, orgId + " Identity CA", notBefore, notAfter);
  }

  /**
   * Creates the TLS CA of an organisation: always an ECDSA P-256 key and SHA256withECDSA, whatever
   * the chain's suite, subject {@code CN=<orgId> TLS CA, O=<orgId>}.
   *
   * @throws InvalidCertificateRequestException if {@code orgId} is blank, or the validity is empty
   *     or not encodable
   */
  public static CertificateAuthority createTlsCa(
      String orgId, Instant notBefore, Instant notAfter) {
    EcKeyPair keys = CryptoSuite.byName("nist").generateKeyPair();
    return create(keys, orgId, orgId + " TLS CA", notBefore, notAfter);
  }

  /**
   * Re-opens a CA from its certificate and private key, for example read from {@code
   * orgs/<org>/ca/identity-ca.pem} and {@code identity-ca.key}. The CA signs with SM3withSM2 if its
   * key is on sm2p256v1 and with SHA256withECDSA if it is on P-256.
   *
   * @throws MalformedCertificateException if the certificate is not a CA certificate (CA:TRUE) or
   *     names no organisation (O), or its key is not a Chancery curve
   * @throws CaKeyMismatchException if the key is not the certificate's key
   */
  public static CertificateAuthority load(X509Certificate certificate, EcPrivateKey key) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    X509CertificateHolder holder = Certificates.holder(certificate);
    String name = Certificates.subject(holder);
    if (!Certificates.isCa(holder)) {
      throw new MalformedCertificateException(
          "certificate '"
              + name
              + "' is not a CA certificate (basicConstraints CA:TRUE is missing); load a CA's"
              + " certificate such as orgs/<org>/ca/identity-ca.pem or tls-ca.pem");
    }
    EcPublicKey certificateKey;
    try {
      certificateKey = EcPublicKey.fromSubjectPublicKeyInfo(holder.getSubjectPublicKeyInfo());
    } catch (MalformedKeyException e) {
      throw new MalformedCertificateException(
          "CA certificate '" + name + "' has an unusable public key: " + e.getMessage(), e);
    }
    if (!certificateKey.equals(key.publicKey())) {
      throw new CaKeyMismatchException(
          "the private key ("
              + key.curve().curveName()
              + ") is not the key of CA certificate '"
              + name
              + "'; pass the key file written beside the certificate (identity-ca.key for"
              + " identity-ca.pem, tls-ca.key for tls-ca.pem)");
    }
    String org = SubjectNames.single(holder.getSubject(), BCStyle.O, "organisation (O)");
    return new CertificateAuthority(holder, EcKeyPair.of(key), org);
  }

  private static CertificateAuthority create(
      EcKeyPair keys, String orgId, String commonName, Instant notBefore, Instant notAfter) {
    SubjectNames.requireUsableValue(orgId, "organisation id");
    SubjectNames.requireUsableValue(commonName, "CA common name");
    Validity.require(notBefore, notAfter, "CA of " + orgId);
    X500Name name = SubjectNames.ca(orgId, commonName);
    SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.publicKey().encoded());
    byte[] keyId = Certificates.keyIdentifier(publicKey).getKeyIdentifier();
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            name,
            serialNumber(new SecureRandom()),
            Validity.date(notBefore),
            Validity.date(notAfter),
            name,
            publicKey);
    try {
      // pathLen 0: an organisation's CA issues member certificates only, never another CA.
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, Certificates.keyIdentifier(publicKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode CA extensions", e);
    }
    X509CertificateHolder holder =
        builder.build(signer(signatureAlgorithmFor(keys.curve()), keys.privateKey().toJca()));
    return new CertificateAuthority(holder, keys, orgId);
  }

  /** The CA's self-signed certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA's key pair. Keep the private half offline in production. */
  public EcKeyPair keyPair() {
    return keyPair;
  }

  /** The organisation id, the certificate's O. */
  public String organisation() {
    return organisation;
  }

  /** The algorithm the CA signs with: {@code SM3withSM2} or {@code SHA256withECDSA}. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /**
   * Issues an identity (ledger signing) certificate: subject {@code CN=<commonName>,
   * OU=<role.ou()>, O=<orgId>}, keyUsage digitalSignature, no extended key usage and no subject
   * alternative name (the request's DNS names and IP addresses are ignored).
   *
   * @throws WrongCurveException if the subject key is not on this CA's curve (the chain's suite)
   */
  public X509Certificate issueIdentity(CertificateRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.subjectKey().curve() != keyPair.curve()) {
      throw new WrongCurveException(
          "the key for '"
              + request.commonName()
              + "' is on "
              + request.subjectKey().curve().curveName()
              + " but the identity CA of "
              + organisation
              + " issues for "
              + keyPair.curve().curveName()
              + "; generate the member's key with the chain's suite");
    }
    return issue(request, null, null);
  }

  /**
   * Issues a TLS certificate: subject {@code CN=<commonName>, OU=<role.ou()>, O=<orgId>}, keyUsage
   * digitalSignature, extended key usage serverAuth and clientAuth for {@link MemberRole#NODE} and
   * clientAuth for every other role, and a subject alternative name with the request's DNS names
   * and IP addresses when it has any.
   *
   * @throws WrongCurveException if the subject key is not on P-256, or this CA is not a P-256 CA
   */
  public X509Certificate issueTls(CertificateRequest request) {
    Objects.requireNonNull(request, "request");
    if (keyPair.curve() != Curve.P256) {
      throw new WrongCurveException(
          "CA '"
              + SubjectNames.display(subject)
              + "' has a "
              + keyPair.curve().curveName()
              + " key and cannot issue TLS certificates; issue them from the organisation's TLS"
              + " CA (ECDSA P-256)");
    }
    if (request.subjectKey().curve() != Curve.P256) {
      throw new WrongCurveException(
          "the TLS key for '"
              + request.commonName()
              + "' is on "
              + request.subjectKey().curve().curveName()
              + " but TLS keys must be ECDSA P-256 (secp256r1) whatever the chain's suite");
    }
    ExtendedKeyUsage usage =
        request.role() == MemberRole.NODE
            ? new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
            : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth);
    return issue(request, usage, AlternativeNames.of(request));
  }

  private X509Certificate issue(
      CertificateRequest request, ExtendedKeyUsage extendedUsage, GeneralNames alternativeNames) {
    SubjectPublicKeyInfo publicKey =
        SubjectPublicKeyInfo.getInstance(request.subjectKey().encoded());
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            subject,
            serialNumber(random),
            Validity.date(request.notBefore()),
            Validity.date(request.notAfter()),
            SubjectNames.member(organisation, request.role(), request.commonName()),
            publicKey);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      // digitalSignature alone: ledger signatures, and TLS 1.2/1.3 ECDHE handshakes, where the
      // certificate key only signs. keyAgreement would serve static-ECDH suites, which Chancery's
      // TLS configuration does not offer.
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      if (extendedUsage != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, extendedUsage);
      }
      if (alternativeNames != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, Certificates.keyIdentifier(publicKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode member certificate extensions", e);
    }
    return Certificates.toJca(builder.build(signer(signatureAlgorithm, signingKey)));
  }

  private static ContentSigner signer(String algorithm, PrivateKey key) {
    try {
      // BouncyCastle's SM3withSM2 signs with the default user ID 1234567812345678.
      return new JcaContentSignerBuilder(algorithm).setProvider(JcaBridge.provider()).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("BouncyCastle cannot sign with " + algorithm, e);
    }
  }

  private static String signatureAlgorithmFor(Curve curve) {
    return switch (curve) {
      case SM2P256V1 -> CryptoSuite.byName("sm").signatureAlgorithm();
      case P256 -> CryptoSuite.byName("nist").signatureAlgorithm();
    };
  }

  static BigInteger serialNumber(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(SERIAL_BITS, random);
    } while (serial.signum() == 0);
    return serial;
  }

  @Override
  public String toString() {
    return "CertificateAuthority["
        + SubjectNames.display(subject)
        + ", "
        + signatureAlgorithm
        + "]";
  }
}
