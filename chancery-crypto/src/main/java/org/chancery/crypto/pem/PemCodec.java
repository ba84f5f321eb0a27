package org.chancery.crypto.pem;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.MalformedKeyException;
import org.chancery.crypto.MalformedPemException;
import org.chancery.crypto.WrongCurveException;
import org.chancery.crypto.WrongPassphraseException;

/**
 * Reads and writes keys and certificates as PEM, in the formats OpenSSL uses: private keys as
 * PKCS#8 ({@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY} with PBES2, PBKDF2-HMAC-SHA256 and
 * AES-256-CBC), public keys as SubjectPublicKeyInfo ({@code PUBLIC KEY}), certificates as {@code
 * CERTIFICATE}. Reading also accepts OpenSSL's SEC 1 {@code EC PRIVATE KEY}.
 *
 * <pre>{@code
 * String pem = PemCodec.encodePrivateKey(key, "s3cret".toCharArray());
 * EcPrivateKey again = PemCodec.decodePrivateKey(pem, "s3cret".toCharArray());
 * }</pre>
 */
public final class PemCodec {
  private static final int PBKDF2_ITERATIONS = 100_000;

  private PemCodec() {}

  /** Encodes a private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
  public static String encodePrivateKey(EcPrivateKey key) {
    return write(new PemObject("PRIVATE KEY", key.toPkcs8()));
  }

  /**
   * Encodes a private key as a passphrase-protected PKCS#8 {@code ENCRYPTED PRIVATE KEY} block
   * (PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC), readable by {@code openssl pkey -passin}.
   */
  public static String encodePrivateKey(EcPrivateKey key, char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      return encodePrivateKey(key);
    }
    try {
      OutputEncryptor encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setProvider(JcaBridge.provider())
              .setRandom(new SecureRandom())
              .setPRF(PKCS8Generator.PRF_HMACSHA256)
              .setIterationCount(PBKDF2_ITERATIONS)
              .setPassword(passphrase)
              .build();
      PKCS8EncryptedPrivateKeyInfo encrypted =
          new org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder(
                  PrivateKeyInfo.getInstance(key.toPkcs8()))
              .build(encryptor);
      return write(new PemObject("ENCRYPTED PRIVATE KEY", encrypted.getEncoded()));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot encrypt private key: " + e.getMessage(), e);
    }
  }

  /** Encodes a public key as a SubjectPublicKeyInfo {@code PUBLIC KEY} block. */
  public static String encodePublicKey(EcPublicKey key) {
    return write(new PemObject("PUBLIC KEY", key.encoded()));
  }

  /** Encodes a certificate as a {@code CERTIFICATE} block. */
  public static String encodeCertificate(X509Certificate certificate) {
    try {
      return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate: " + e.getMessage(), e);
    }
  }

  /** Encodes certificates one after the other, as a CA bundle. */
  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder sb = new StringBuilder();
    certificates.forEach(c -> sb.append(encodeCertificate(c)));
    return sb.toString();
  }

  /**
   * Decodes a private key.
   *
   * @param passphrase the passphrase of an encrypted key; {@code null} for a plain one
   * @throws MalformedPemException if the text holds no private key
   * @throws WrongPassphraseException if the key is encrypted and the passphrase is missing or wrong
   * @throws MalformedKeyException if the key is not an EC key on a supported curve
   */
  public static EcPrivateKey decodePrivateKey(String pem, char[] passphrase) {
    Object object = readSingle(pem, "private key");
    if (object instanceof PrivateKeyInfo info) {
      return EcPrivateKey.fromPkcs8(info);
    }
    if (object instanceof PEMKeyPair pair) {
      return EcPrivateKey.fromPkcs8(pair.getPrivateKeyInfo());
    }
    if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      if (passphrase == null || passphrase.length == 0) {
        throw new WrongPassphraseException(
            "private key is encrypted; supply its passphrase (for the CLI: --passphrase-file)");
      }
      try {
        InputDecryptorProvider decryptor =
            new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(JcaBridge.provider())
                .build(passphrase);
        return EcPrivateKey.fromPkcs8(encrypted.decryptPrivateKeyInfo(decryptor));
      } catch (PKCSException | OperatorCreationException e) {
        throw new WrongPassphraseException(
            "cannot decrypt private key: wrong passphrase or damaged key", e);
      }
    }
    throw new MalformedPemException(
        "expected a private key (PRIVATE KEY, ENCRYPTED PRIVATE KEY or EC PRIVATE KEY) but found "
            + describe(object));
  }

  /**
   * Decodes a private key and checks that it is on {@code expected}.
   *
   * @throws WrongCurveException if it is on another curve
   */
  public static EcPrivateKey decodePrivateKey(String pem, char[] passphrase, Curve expected) {
    EcPrivateKey key = decodePrivateKey(pem, passphrase);
    requireCurve(key.curve(), expected, "private key");
    return key;
  }

  /**
   * Decodes a SubjectPublicKeyInfo {@code PUBLIC KEY} block.
   *
   * @throws MalformedPemException if the text holds no public key
   * @throws MalformedKeyException if the key is not an EC key on a supported curve
   */
  public static EcPublicKey decodePublicKey(String pem) {
    Object object = readSingle(pem, "public key");
    if (object instanceof SubjectPublicKeyInfo info) {
      return EcPublicKey.fromSubjectPublicKeyInfo(info);
    }
    throw new MalformedPemException("expected a PUBLIC KEY block but found " + describe(object));
  }

  /** Decodes a public key and checks its curve. */
  public static EcPublicKey decodePublicKey(String pem, Curve expected) {
    EcPublicKey key = decodePublicKey(pem);
    requireCurve(key.curve(), expected, "public key");
    return key;
  }

  /**
   * Decodes exactly one certificate.
   *
   * @throws MalformedPemException if the text is not exactly one well-formed certificate
   */
  public static X509Certificate decodeCertificate(String pem) {
    List<X509Certificate> all = decodeCertificates(pem);
    if (all.size() != 1) {
      throw new MalformedPemException(
          "expected exactly one CERTIFICATE block but found " + all.size());
    }
    return all.get(0);
  }

  /**
   * Decodes every certificate in the text (a bundle), in order.
   *
   * @throws MalformedPemException if any block is not a well-formed certificate, or there is none
   */
  public static List<X509Certificate> decodeCertificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter =
        new JcaX509CertificateConverter().setProvider(JcaBridge.provider());
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (!(object instanceof X509CertificateHolder holder)) {
          throw new MalformedPemException(
              "expected CERTIFICATE blocks but found " + describe(object));
        }
        out.add(converter.getCertificate(holder));
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      if (e instanceof MalformedPemException mpe) {
        throw mpe;
      }
      throw new MalformedPemException("certificate PEM is damaged: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new MalformedPemException("no CERTIFICATE block found");
    }
    return out;
  }

  private static Object readSingle(String pem, String what) {
    if (pem == null || pem.isBlank()) {
      throw new MalformedPemException("no PEM text given for the " + what);
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (object == null) {
        throw new MalformedPemException(
            "no PEM block found for the " + what + " (expected -----BEGIN ...----- lines)");
      }
      if (parser.readObject() != null) {
        throw new MalformedPemException(
            "expected one PEM block for the " + what + " but found more");
      }
      return object;
    } catch (PEMException e) {
      throw new MalformedPemException("PEM for the " + what + " is damaged: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedPemException mpe) {
        throw mpe;
      }
      throw new MalformedPemException("PEM for the " + what + " is damaged: " + e.getMessage(), e);
    }
  }

  private static void requireCurve(Curve actual, Curve expected, String what) {
    if (actual != expected) {
      throw new WrongCurveException(
          what
              + " is on curve "
              + actual.curveName()
              + " but "
              + expected.curveName()
              + " is required here");
    }
  }

  private static String describe(Object object) {
    if (object instanceof X509CertificateHolder) {
      return "a CERTIFICATE";
    }
    if (object instanceof SubjectPublicKeyInfo) {
      return "a PUBLIC KEY";
    }
    if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
      return "a PRIVATE KEY";
    }
    if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
      return "an ENCRYPTED PRIVATE KEY";
    }
    return "a " + object.getClass().getSimpleName();
  }

  private static String write(PemObject object) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to memory failed", e);
    }
    return out.toString();
  }
}
