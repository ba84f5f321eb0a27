package org.chancery.network.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Objects;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.pem.PemCodec;

/**
 * What a node needs for mutual TLS: its certificate chain (leaf first), the leaf's private key, and
 * the TLS CAs it trusts (every organisation's, from {@code ca-bundle.pem}). Keys and certificates
 * are held as the JDK's own objects, because the JDK's TLS engine is what uses them.
 *
 * <pre>{@code
 * TlsMaterial tls = TlsMaterial.fromPemFiles(
 *     Path.of("orgs/tax/nodes/node1/tls/cert.pem"),
 *     Path.of("orgs/tax/nodes/node1/tls/key.pem"),
 *     Path.of("orgs/tax/nodes/node1/tls/ca-bundle.pem"));
 * }</pre>
 *
 * @param certificateChain this node's TLS certificate first, then any intermediates
 * @param privateKey the private key of the first certificate (ECDSA P-256)
 * @param trustedCas the TLS CA certificates of every organisation of the network
 */
public record TlsMaterial(
    List<X509Certificate> certificateChain,
    PrivateKey privateKey,
    List<X509Certificate> trustedCas) {

  public TlsMaterial {
    certificateChain = List.copyOf(Objects.requireNonNull(certificateChain, "certificateChain"));
    Objects.requireNonNull(privateKey, "privateKey");
    trustedCas = List.copyOf(Objects.requireNonNull(trustedCas, "trustedCas"));
    if (certificateChain.isEmpty()) {
      throw new InvalidTlsMaterialException("the TLS certificate chain is empty");
    }
    if (trustedCas.isEmpty()) {
      throw new InvalidTlsMaterialException(
          "no trusted TLS CA: pass the ca-bundle.pem that network init wrote beside the node's"
              + " TLS certificate");
    }
  }

  /**
   * Material from a certificate chain, its P-256 key and the trusted CAs, converted to the JDK's
   * own certificate and key objects.
   *
   * @throws InvalidTlsMaterialException if the key is not on P-256 or is not the certificate's
   */
  public static TlsMaterial of(
      List<X509Certificate> certificateChain, EcPrivateKey key, List<X509Certificate> trustedCas) {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(trustedCas, "trustedCas");
    if (key.curve() != Curve.P256) {
      throw new InvalidTlsMaterialException(
          "the TLS key is on "
              + key.curve().curveName()
              + " but TLS keys must be ECDSA P-256 (secp256r1); use the node's tls/key.pem, not"
              + " its identity key");
    }
    if (!certificateChain.isEmpty()) {
      X509Certificate leaf = certificateChain.get(0);
      EcPublicKey certified;
      try {
        certified = EcPublicKey.fromSubjectPublicKeyInfo(leaf.getPublicKey().getEncoded());
      } catch (CryptoException e) {
        throw new InvalidTlsMaterialException(
            "TLS certificate '"
                + leaf.getSubjectX500Principal()
                + "' has an unusable key: "
                + e.getMessage(),
            e);
      }
      if (!certified.equals(key.publicKey())) {
        throw new InvalidTlsMaterialException(
            "the TLS private key is not the key of certificate '"
                + leaf.getSubjectX500Principal()
                + "'; pass the key.pem written beside that cert.pem");
      }
    }
    return new TlsMaterial(
        certificateChain.stream().map(TlsMaterial::toJdk).toList(),
        toJdk(key),
        trustedCas.stream().map(TlsMaterial::toJdk).toList());
  }

  /**
   * Reads the PEM files {@code network init} writes for a node: {@code tls/cert.pem}, {@code
   * tls/key.pem} (unencrypted) and {@code tls/ca-bundle.pem}.
   *
   * @throws InvalidTlsMaterialException naming the file that cannot be read or used
   */
  public static TlsMaterial fromPemFiles(Path certificate, Path privateKey, Path caBundle) {
    List<X509Certificate> chain;
    EcPrivateKey key;
    List<X509Certificate> cas;
    try {
      chain = PemCodec.decodeCertificates(read(certificate, "TLS certificate"));
    } catch (CryptoException e) {
      throw new InvalidTlsMaterialException(
          "TLS certificate " + certificate + " is unusable: " + e.getMessage(), e);
    }
    try {
      key = PemCodec.decodePrivateKey(read(privateKey, "TLS private key"), null);
    } catch (CryptoException e) {
      throw new InvalidTlsMaterialException(
          "TLS private key " + privateKey + " is unusable: " + e.getMessage(), e);
    }
    try {
      cas = PemCodec.decodeCertificates(read(caBundle, "TLS CA bundle"));
    } catch (CryptoException e) {
      throw new InvalidTlsMaterialException(
          "TLS CA bundle " + caBundle + " is unusable: " + e.getMessage(), e);
    }
    return of(chain, key, cas);
  }

  /** The node's own TLS certificate, the first of the chain. */
  public X509Certificate certificate() {
    return certificateChain.get(0);
  }

  @Override
  public String toString() {
    // Never the key: a record's default toString would print whatever the key's toString says.
    return "TlsMaterial[certificate="
        + certificate().getSubjectX500Principal()
        + ", trustedCas="
        + trustedCas.size()
        + "]";
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new InvalidTlsMaterialException(
          "cannot read the " + what + " " + file + ": " + e + "; check the path in node.yaml", e);
    }
  }

  private static X509Certificate toJdk(X509Certificate certificate) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new InvalidTlsMaterialException(
          "the JDK cannot read certificate '"
              + certificate.getSubjectX500Principal()
              + "': "
              + e.getMessage(),
          e);
    }
  }

  private static PrivateKey toJdk(EcPrivateKey key) {
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key.toPkcs8()));
    } catch (GeneralSecurityException e) {
      throw new InvalidTlsMaterialException(
          "the JDK cannot use the P-256 TLS key: " + e.getMessage(), e);
    }
  }
}
