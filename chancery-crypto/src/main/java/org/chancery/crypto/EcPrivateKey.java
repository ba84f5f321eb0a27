package org.chancery.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An elliptic-curve private key on one of Chancery's {@link Curve curves}, with its public key.
 * Immutable and thread-safe. {@link #toString()} never prints the secret.
 *
 * <pre>{@code
 * EcPrivateKey key = PemCodec.decodePrivateKey(pemText, null);
 * byte[] signature = CryptoSuite.byName("sm").sign(key, message);
 * }</pre>
 */
public final class EcPrivateKey {
  private final Curve curve;
  private final ECPrivateKeyParameters parameters;
  private final EcPublicKey publicKey;

  EcPrivateKey(Curve curve, BigInteger d) {
    BigInteger n = curve.domain().getN();
    if (d.signum() <= 0 || d.compareTo(n) >= 0) {
      throw new MalformedKeyException(
          "private key scalar is out of range for " + curve.curveName());
    }
    this.curve = curve;
    this.parameters = new ECPrivateKeyParameters(d, curve.domain());
    this.publicKey =
        new EcPublicKey(
            curve, new FixedPointCombMultiplier().multiply(curve.domain().getG(), d).normalize());
  }

  /**
   * Decodes a DER PKCS#8 PrivateKeyInfo (the body of a {@code PRIVATE KEY} PEM block).
   *
   * @throws MalformedKeyException if the bytes are not an EC key on a supported curve
   */
  public static EcPrivateKey fromPkcs8(byte[] der) {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new MalformedKeyException("private key is not a DER PKCS#8 PrivateKeyInfo", e);
    }
    if (info == null) {
      throw new MalformedKeyException("private key is empty");
    }
    return fromPkcs8(info);
  }

  /** Decodes a parsed PKCS#8 PrivateKeyInfo. */
  public static EcPrivateKey fromPkcs8(PrivateKeyInfo info) {
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw new MalformedKeyException(
          "private key algorithm "
              + info.getPrivateKeyAlgorithm().getAlgorithm().getId()
              + " is not an elliptic-curve key");
    }
    if (!(info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid)) {
      throw new MalformedKeyException(
          "private key does not name its curve; only named curves are supported");
    }
    Curve curve = Curve.forOid(oid);
    try {
      ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
      return new EcPrivateKey(curve, sec1.getKey());
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedKeyException mke) {
        throw mke;
      }
      throw new MalformedKeyException("private key body is not an SEC 1 ECPrivateKey", e);
    }
  }

  /** Builds a key from its scalar; used by key generation and SEC 1 ({@code EC PRIVATE KEY}). */
  public static EcPrivateKey fromScalar(Curve curve, BigInteger d) {
    return new EcPrivateKey(curve, d);
  }

  public Curve curve() {
    return curve;
  }

  /** BouncyCastle lightweight parameters; shared, never modified. */
  public ECPrivateKeyParameters parameters() {
    return parameters;
  }

  /** The matching public key. */
  public EcPublicKey publicKey() {
    return publicKey;
  }

  /** DER PKCS#8 PrivateKeyInfo, with the curve named and the public key included. */
  public byte[] toPkcs8() {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(parameters).getEncoded();
    } catch (IOException e) {
      throw new MalformedKeyException("cannot encode private key: " + e.getMessage(), e);
    }
  }

  /** The same key as a JCA object, for X.509 signing and TLS code that needs one. */
  public PrivateKey toJca() {
    try {
      return JcaBridge.keyFactory().generatePrivate(new PKCS8EncodedKeySpec(toPkcs8()));
    } catch (java.security.GeneralSecurityException e) {
      throw new MalformedKeyException("cannot convert private key to JCA: " + e.getMessage(), e);
    }
  }

  /** Converts a JCA private key. */
  public static EcPrivateKey fromJca(PrivateKey key) {
    return fromPkcs8(key.getEncoded());
  }

  @Override
  public String toString() {
    return "EcPrivateKey[" + curve.curveName() + ", public " + publicKey.toHex() + "]";
  }
}
