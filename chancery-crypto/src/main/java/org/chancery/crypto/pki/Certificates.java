package org.chancery.crypto.pki;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.chancery.crypto.JcaBridge;

/** Conversions and extension look-ups shared by the CA and the validator. */
final class Certificates {
  /** RFC 7093 method 1 keeps the leftmost 160 bits of the SHA-256 hash. */
  private static final int KEY_IDENTIFIER_LENGTH = 20;

  private Certificates() {}

  /**
   * BouncyCastle's view of a certificate, from its exact DER bytes.
   *
   * @throws MalformedCertificateException if the certificate cannot be encoded or parsed
   */
  static X509CertificateHolder holder(X509Certificate certificate) {
    try {
      return new X509CertificateHolder(certificate.getEncoded());
    } catch (CertificateEncodingException | IOException | RuntimeException e) {
      throw new MalformedCertificateException(
          "certificate '"
              + certificate.getSubjectX500Principal()
              + "' is not a well-formed X.509 certificate: "
              + e.getMessage(),
          e);
    }
  }

  static X509Certificate toJca(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(JcaBridge.provider())
          .getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalStateException("BouncyCastle rejected a certificate it just built", e);
    }
  }

  static String subject(X509CertificateHolder holder) {
    return SubjectNames.display(holder.getSubject());
  }

  static String issuer(X509CertificateHolder holder) {
    return SubjectNames.display(holder.getIssuer());
  }

  /** Whether basicConstraints says CA:TRUE. */
  static boolean isCa(X509CertificateHolder holder) {
    BasicConstraints constraints = BasicConstraints.fromExtensions(holder.getExtensions());
    return constraints != null && constraints.isCA();
  }

  /**
   * The subject key identifier: the certificate's own extension when it has one, otherwise computed
   * from its public key.
   */
  static byte[] subjectKeyIdentifier(X509CertificateHolder holder) {
    SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(holder.getExtensions());
    return ski != null
        ? ski.getKeyIdentifier()
        : keyIdentifier(holder.getSubjectPublicKeyInfo()).getKeyIdentifier();
  }

  /** The key identifier in the authority key identifier extension, or {@code null}. */
  static byte[] authorityKeyIdentifier(X509CertificateHolder holder) {
    AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(holder.getExtensions());
    return aki == null ? null : aki.getKeyIdentifierOctets();
  }

  /**
   * A key identifier by RFC 7093 method 1: the leftmost 160 bits of the SHA-256 hash of the
   * subjectPublicKey bits. RFC 5280's SHA-1 method would do as well (the identifier is a look-up
   * aid, not a security function); SHA-256 keeps SHA-1 out of certificates an auditor reads.
   */
  static SubjectKeyIdentifier keyIdentifier(SubjectPublicKeyInfo key) {
    byte[] bits = key.getPublicKeyData().getBytes();
    SHA256Digest digest = new SHA256Digest();
    digest.update(bits, 0, bits.length);
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    return new SubjectKeyIdentifier(Arrays.copyOf(hash, KEY_IDENTIFIER_LENGTH));
  }
}
