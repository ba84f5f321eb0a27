package org.chancery.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.WrongPassphraseException;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.MemberRole;

/**
 * A member who signs transactions: an identity certificate issued by an organisation's identity CA
 * and the matching private key. {@code chancery network init} writes one directory per user (for
 * example {@code orgs/org1/users/client}) holding {@code cert.pem} and {@code key.pem} (PKCS#8,
 * possibly encrypted with a passphrase).
 *
 * <p>Loading checks that the key belongs to the certificate and that the certificate is a member
 * certificate ({@code O=<organisation>, OU=<role>, CN=<name>}). Whether the node accepts it (issued
 * by a member CA, not revoked, not expired, role allowed) is for the node to decide at submission.
 * Instances are immutable; {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * Identity alice = Identity.load(Path.of("/tmp/net/orgs/org1/users/client"));
 * Identity bob = Identity.load(Path.of("bob"), "s3cret".toCharArray());
 * System.out.println(alice.name() + " of " + alice.organisation() + " as " + alice.role());
 * }</pre>
 */
public final class Identity {
  /** The certificate's file name in an identity directory. */
  public static final String CERTIFICATE_FILE = "cert.pem";

  /** The private key's file name in an identity directory. */
  public static final String KEY_FILE = "key.pem";

  private final X509Certificate certificate;
  private final Bytes certificateDer;
  private final EcPrivateKey privateKey;
  private final MemberSubject subject;

  private Identity(
      X509Certificate certificate,
      Bytes certificateDer,
      EcPrivateKey privateKey,
      MemberSubject subject) {
    this.certificate = certificate;
    this.certificateDer = certificateDer;
    this.privateKey = privateKey;
    this.subject = subject;
  }

  /**
   * Loads an identity directory whose key is not encrypted.
   *
   * @throws IdentityException if a file is missing or unusable, the key is encrypted, or the key
   *     does not match the certificate
   */
  public static Identity load(Path dir) {
    return load(dir, null);
  }

  /**
   * Loads an identity directory.
   *
   * @param passphrase the passphrase of an encrypted {@code key.pem}; {@code null} or empty for a
   *     plain one (a passphrase given for a plain key is ignored)
   * @throws IdentityException if a file is missing or unusable, the passphrase is missing or wrong,
   *     or the key does not match the certificate
   */
  public static Identity load(Path dir, char[] passphrase) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new IdentityException(
          "identity-not-found",
          "identity directory "
              + dir
              + (Files.exists(dir) ? " is not a directory" : " does not exist")
              + "; pass a directory written by 'chancery network init', such as"
              + " <network>/orgs/org1/users/client");
    }
    Path certFile = dir.resolve(CERTIFICATE_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    String certPem = read(certFile);
    String keyPem = read(keyFile);
    X509Certificate certificate;
    try {
      certificate = PemCodec.decodeCertificate(certPem);
    } catch (CryptoException e) {
      throw new IdentityException("malformed-identity", certFile + ": " + e.getMessage(), e);
    }
    EcPrivateKey key;
    try {
      key = PemCodec.decodePrivateKey(keyPem, passphrase);
    } catch (WrongPassphraseException e) {
      boolean none = passphrase == null || passphrase.length == 0;
      throw new IdentityException(
          none ? "passphrase-required" : "wrong-passphrase",
          keyFile
              + (none
                  ? " is encrypted; supply its passphrase (CLI: --passphrase-file FILE)"
                  : ": the passphrase does not open this key"),
          e);
    } catch (CryptoException e) {
      throw new IdentityException("malformed-identity", keyFile + ": " + e.getMessage(), e);
    }
    return of(certificate, key, dir.toString());
  }

  /**
   * An identity from a certificate and key already in memory (from a vault or a KeyStore).
   *
   * @throws IdentityException if the key is not the certificate's or the certificate is not a
   *     member certificate
   */
  public static Identity of(X509Certificate certificate, EcPrivateKey privateKey) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    return of(certificate, privateKey, "identity");
  }

  private static Identity of(X509Certificate certificate, EcPrivateKey key, String where) {
    String who = certificate.getSubjectX500Principal().getName();
    if (certificate.getBasicConstraints() >= 0) {
      throw new IdentityException(
          "malformed-identity",
          where
              + ": '"
              + who
              + "' is a CA certificate; use a member's identity directory such as"
              + " orgs/org1/users/client");
    }
    EcPublicKey certificateKey;
    try {
      certificateKey = EcPublicKey.fromJca(certificate.getPublicKey());
    } catch (CryptoException e) {
      throw new IdentityException(
          "malformed-identity", where + ": certificate key is unusable: " + e.getMessage(), e);
    }
    if (!certificateKey.equals(key.publicKey())) {
      throw new IdentityException(
          "key-mismatch",
          where
              + ": "
              + KEY_FILE
              + " is not the key of "
              + CERTIFICATE_FILE
              + " ('"
              + who
              + "'); keep the key and certificate that 'chancery network init' wrote together");
    }
    MemberSubject subject;
    try {
      subject = MemberSubject.of(certificate);
    } catch (IllegalArgumentException e) {
      throw new IdentityException("malformed-identity", where + ": " + e.getMessage(), e);
    }
    Bytes der;
    try {
      der = Bytes.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IdentityException(
          "malformed-identity", where + ": certificate cannot be encoded: " + e.getMessage(), e);
    }
    return new Identity(certificate, der, key, subject);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IdentityException(
          "identity-not-found",
          file
              + " does not exist; an identity directory holds "
              + CERTIFICATE_FILE
              + " and "
              + KEY_FILE,
          e);
    } catch (IOException e) {
      throw new IdentityException(
          "identity-not-found", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The organisation id (the certificate's O), for example {@code org1}. */
  public String organisation() {
    return subject.organisation();
  }

  /** The role the certificate's OU carries. */
  public MemberRole role() {
    return subject.role();
  }

  /** The member's name (the certificate's CN), for example {@code client@org1}. */
  public String name() {
    return subject.name();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's DER bytes, as a transaction carries them. */
  public Bytes certificateDer() {
    return certificateDer;
  }

  public EcPrivateKey privateKey() {
    return privateKey;
  }

  public EcPublicKey publicKey() {
    return privateKey.publicKey();
  }

  /** The key's curve: sm2p256v1 for the {@code sm} suite, P-256 for {@code nist}. */
  public Curve curve() {
    return privateKey.curve();
  }

  @Override
  public String toString() {
    return "Identity[" + name() + ", " + role().ou() + " of " + organisation() + "]";
  }
}
