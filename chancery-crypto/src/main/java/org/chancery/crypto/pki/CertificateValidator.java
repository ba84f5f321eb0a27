package org.chancery.crypto.pki;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.MalformedKeyException;

/**
 * Decides whether a certificate belongs to a member of the consortium, and who that member is.
 *
 * <p>A certificate is accepted when all of these hold, checked in this order:
 *
 * <ol>
 *   <li>a trusted CA has the certificate's issuer name and, if the certificate names its authority
 *       key identifier, that subject key identifier, and the certificate's signature verifies with
 *       that CA's key (else {@link UntrustedCertificateException});
 *   <li>the certificate is not a CA (basicConstraints CA:TRUE), understands every critical
 *       extension, allows digitalSignature if it has a keyUsage, and has exactly one O, one OU
 *       naming a {@link MemberRole} and one CN, and an EC key on a Chancery curve (else {@link
 *       MalformedCertificateException});
 *   <li>its O is the O of the CA that issued it, so no organisation's CA can vouch for members of
 *       another (else {@link UntrustedCertificateException});
 *   <li>neither it nor its CA is in the {@link RevocationSet} (else {@link
 *       RevokedCertificateException});
 *   <li>the CA and then the certificate are valid at the given instant, bounds included (else
 *       {@link NotYetValidCertificateException} or {@link ExpiredCertificateException}).
 * </ol>
 *
 * <p>The chain is one link long: members' certificates are issued directly by their organisation's
 * CA. Signatures are checked through the BouncyCastle provider passed explicitly ({@link
 * JcaBridge#provider()}), never through JVM-wide provider registration; SM3withSM2 signatures use
 * the user ID {@code 1234567812345678}. The instant is a parameter, not the wall clock, so that
 * replaying a block checks its signers' certificates at the block's time and every node reaches the
 * same answer. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * CertificateValidator validator =
 *     new CertificateValidator(List.of(org1IdentityCa, org2IdentityCa), RevocationSet.empty());
 * MemberIdentity who = validator.validate(signerCertificate, header.time(), Set.of(MemberRole.NODE));
 * }</pre>
 */
public final class CertificateValidator {
  /** Critical extensions whose meaning this validator applies; any other critical one rejects. */
  private static final Set<ASN1ObjectIdentifier> UNDERSTOOD_CRITICAL =
      Set.of(
          Extension.basicConstraints,
          Extension.keyUsage,
          Extension.extendedKeyUsage,
          Extension.subjectAlternativeName);

  private final List<TrustedCa> trusted;
  private final RevocationSet revoked;

  /**
   * A validator that trusts exactly {@code trustedCas} (for example every organisation's identity
   * CA from the genesis) and rejects what {@code revoked} lists.
   *
   * @throws MalformedCertificateException if one of {@code trustedCas} is not a CA certificate
   *     (basicConstraints CA:TRUE, keyCertSign if it has a keyUsage), names no single organisation
   *     (O), or carries a critical extension Chancery does not understand
   */
  public CertificateValidator(Collection<X509Certificate> trustedCas, RevocationSet revoked) {
    Objects.requireNonNull(trustedCas, "trustedCas");
    this.revoked = Objects.requireNonNull(revoked, "revoked");
    this.trusted = trustedCas.stream().map(TrustedCa::of).toList();
  }

  /**
   * Validates {@code certificate} at the instant {@code at} and says whose it is.
   *
   * @throws UntrustedCertificateException if no trusted CA issued it (or its signature is broken)
   * @throws MalformedCertificateException if it cannot serve as a member certificate
   * @throws RevokedCertificateException if it or its CA is revoked
   * @throws NotYetValidCertificateException if it or its CA is not valid yet at {@code at}
   * @throws ExpiredCertificateException if it or its CA has expired at {@code at}
   */
  public MemberIdentity validate(X509Certificate certificate, Instant at) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(at, "at");
    X509CertificateHolder leaf = Certificates.holder(certificate);
    String name = Certificates.subject(leaf);
    TrustedCa ca = issuerOf(leaf, name, at);

    if (Certificates.isCa(leaf)) {
      throw new MalformedCertificateException(
          "certificate '"
              + name
              + "' is a CA certificate (basicConstraints CA:TRUE), not a member's; present the"
              + " member's own certificate (for example identity/cert.pem), not the CA's");
    }
    requireUnderstoodCriticalExtensions(leaf, name);
    KeyUsage usage = KeyUsage.fromExtensions(leaf.getExtensions());
    if (usage != null && !usage.hasUsages(KeyUsage.digitalSignature)) {
      throw new MalformedCertificateException(
          "certificate '" + name + "' does not allow digitalSignature in its keyUsage");
    }
    X500Name subject = leaf.getSubject();
    String organisation = SubjectNames.single(subject, BCStyle.O, "organisation (O)");
    String commonName = SubjectNames.single(subject, BCStyle.CN, "common name (CN)");
    MemberRole role;
    try {
      role = MemberRole.fromOu(SubjectNames.single(subject, BCStyle.OU, "role (OU)"));
    } catch (MalformedCertificateException e) {
      throw new MalformedCertificateException("certificate '" + name + "': " + e.getMessage(), e);
    }
    EcPublicKey publicKey;
    try {
      publicKey = EcPublicKey.fromSubjectPublicKeyInfo(leaf.getSubjectPublicKeyInfo());
    } catch (MalformedKeyException e) {
      throw new MalformedCertificateException(
          "certificate '" + name + "' has an unusable public key: " + e.getMessage(), e);
    }
    if (!organisation.equals(ca.organisation())) {
      throw new UntrustedCertificateException(
          "certificate '"
              + name
              + "' claims organisation "
              + organisation
              + " but was issued by '"
              + ca.name()
              + "', the CA of "
              + ca.organisation()
              + "; a CA vouches only for its own organisation's members");
    }

    if (revoked.contains(ca.certificate())) {
      throw new RevokedCertificateException(
          "CA '"
              + ca.name()
              + "' (serial "
              + hex(ca.holder())
              + "), which issued certificate '"
              + name
              + "', is revoked; its organisation must issue new certificates from a new CA");
    }
    if (revoked.contains(certificate)) {
      throw new RevokedCertificateException(
          "certificate '"
              + name
              + "' (serial "
              + hex(leaf)
              + ", issuer '"
              + ca.name()
              + "') is revoked; use a newly issued certificate");
    }

    requireValidAt(
        ca.holder(), at, "CA '" + ca.name() + "', which issued certificate '" + name + "',");
    requireValidAt(leaf, at, "certificate '" + name + "'");
    return new MemberIdentity(organisation, role, commonName, certificate, publicKey);
  }

  /**
   * As {@link #validate(X509Certificate, Instant)}, and the certificate's role must be one of
   * {@code allowed}.
   *
   * @throws WrongRoleException if the role is not in {@code allowed}
   */
  public MemberIdentity validate(X509Certificate certificate, Instant at, Set<MemberRole> allowed) {
    Objects.requireNonNull(allowed, "allowed");
    MemberIdentity identity = validate(certificate, at);
    if (!allowed.contains(identity.role())) {
      String wanted =
          allowed.isEmpty()
              ? "(no role)"
              : EnumSet.copyOf(allowed).stream()
                  .map(MemberRole::ou)
                  .collect(Collectors.joining(", "));
      throw new WrongRoleException(
          "certificate '"
              + Certificates.subject(Certificates.holder(certificate))
              + "' has role "
              + identity.role().ou()
              + " but this needs one of: "
              + wanted
              + "; sign with a certificate of such a role");
    }
    return identity;
  }

  /** The trusted CA that issued {@code leaf}, preferring one that is usable at {@code at}. */
  private TrustedCa issuerOf(X509CertificateHolder leaf, String name, Instant at) {
    List<TrustedCa> named =
        trusted.stream().filter(ca -> ca.subject().equals(leaf.getIssuer())).toList();
    if (named.isEmpty()) {
      throw new UntrustedCertificateException(
          "certificate '"
              + name
              + "' was issued by '"
              + Certificates.issuer(leaf)
              + "', which is not one of the trusted CAs "
              + trustedNames()
              + "; the issuing organisation must be a member of the chain (its CA in the"
              + " genesis or added by a config transaction)");
    }
    byte[] authorityKeyId = Certificates.authorityKeyIdentifier(leaf);
    List<TrustedCa> keyed =
        named.stream()
            .filter(ca -> authorityKeyId == null || Arrays.equals(authorityKeyId, ca.keyId()))
            .toList();
    if (keyed.isEmpty()) {
      throw new UntrustedCertificateException(
          "certificate '"
              + name
              + "' names issuer '"
              + Certificates.issuer(leaf)
              + "' with authority key id "
              + HexFormat.of().formatHex(authorityKeyId)
              + ", but the trusted CA of that name has key id "
              + named.stream()
                  .map(ca -> HexFormat.of().formatHex(ca.keyId()))
                  .collect(Collectors.joining(" or "))
              + "; it was issued by another CA of the same name (re-created, or forged)");
    }
    List<TrustedCa> signers = new ArrayList<>();
    for (TrustedCa ca : keyed) {
      if (ca.signed(leaf)) {
        signers.add(ca);
      }
    }
    if (signers.isEmpty()) {
      throw new UntrustedCertificateException(
          "the signature of certificate '"
              + name
              + "' does not verify with the key of trusted CA '"
              + Certificates.issuer(leaf)
              + "'; the certificate was altered or was not issued by that CA");
    }
    // Two trusted certificates of one CA (a renewed CA certificate for the same key) may both
    // verify; check against the one that can succeed at `at`, so the answer does not depend on
    // the order of the trust list.
    return signers.stream()
        .min(Comparator.comparing((TrustedCa ca) -> !ca.usableAt(at, revoked)))
        .orElseThrow();
  }

  private String trustedNames() {
    return trusted.isEmpty()
        ? "(none)"
        : trusted.stream().map(TrustedCa::name).collect(Collectors.joining("; ", "[", "]"));
  }

  private static void requireValidAt(X509CertificateHolder holder, Instant at, String what) {
    Instant notBefore = holder.getNotBefore().toInstant();
    Instant notAfter = holder.getNotAfter().toInstant();
    if (at.isBefore(notBefore)) {
      throw new NotYetValidCertificateException(
          what
              + " is not valid before "
              + notBefore
              + " and was checked for "
              + at
              + "; wait until then, or check the clocks of the issuing and checking machines");
    }
    if (at.isAfter(notAfter)) {
      throw new ExpiredCertificateException(
          what
              + " expired at "
              + notAfter
              + " and was checked for "
              + at
              + "; issue a new certificate from the organisation's CA");
    }
  }

  private static void requireUnderstoodCriticalExtensions(
      X509CertificateHolder holder, String name) {
    Extensions extensions = holder.getExtensions();
    if (extensions == null) {
      return;
    }
    for (ASN1ObjectIdentifier oid : extensions.getCriticalExtensionOIDs()) {
      if (!UNDERSTOOD_CRITICAL.contains(oid)) {
        throw new MalformedCertificateException(
            "certificate '"
                + name
                + "' has critical extension "
                + oid.getId()
                + " that Chancery does not understand, so it must not accept the certificate");
      }
    }
  }

  private static String hex(X509CertificateHolder holder) {
    return "0x" + holder.getSerialNumber().toString(16);
  }

  /** A trusted CA, parsed once. */
  private record TrustedCa(
      X509Certificate certificate,
      X509CertificateHolder holder,
      X500Name subject,
      byte[] keyId,
      String organisation,
      String name,
      ContentVerifierProvider verifier) {

    static TrustedCa of(X509Certificate certificate) {
      Objects.requireNonNull(certificate, "trusted CA certificate");
      X509CertificateHolder holder = Certificates.holder(certificate);
      String name = Certificates.subject(holder);
      if (!Certificates.isCa(holder)) {
        throw new MalformedCertificateException(
            "trusted certificate '"
                + name
                + "' is not a CA certificate (basicConstraints CA:TRUE is missing); trust only"
                + " organisations' CA certificates (identity-ca.pem or tls-ca.pem)");
      }
      KeyUsage usage = KeyUsage.fromExtensions(holder.getExtensions());
      if (usage != null && !usage.hasUsages(KeyUsage.keyCertSign)) {
        throw new MalformedCertificateException(
            "trusted CA '" + name + "' does not allow keyCertSign in its keyUsage");
      }
      requireUnderstoodCriticalExtensions(holder, name);
      String organisation = SubjectNames.single(holder.getSubject(), BCStyle.O, "organisation (O)");
      ContentVerifierProvider verifier;
      try {
        verifier =
            new JcaContentVerifierProviderBuilder().setProvider(JcaBridge.provider()).build(holder);
      } catch (OperatorCreationException | CertificateException e) {
        throw new MalformedCertificateException(
            "trusted CA '" + name + "' has a public key that cannot verify signatures", e);
      }
      return new TrustedCa(
          certificate,
          holder,
          holder.getSubject(),
          Certificates.subjectKeyIdentifier(holder),
          organisation,
          name,
          verifier);
    }

    boolean signed(X509CertificateHolder leaf) {
      try {
        return leaf.isSignatureValid(verifier);
      } catch (CertException | RuntimeException e) {
        // An unknown or mismatched signature algorithm, or signature bytes that do not parse:
        // either way this CA did not sign the certificate.
        return false;
      }
    }

    boolean usableAt(Instant at, RevocationSet revoked) {
      return !revoked.contains(certificate)
          && !at.isBefore(holder.getNotBefore().toInstant())
          && !at.isAfter(holder.getNotAfter().toInstant());
    }
  }
}
