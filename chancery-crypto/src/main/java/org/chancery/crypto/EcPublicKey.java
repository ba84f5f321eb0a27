package org.chancery.crypto;

import java.io.IOException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An elliptic-curve public key on one of Chancery's {@link Curve curves}. Immutable and
 * thread-safe; it keeps BouncyCastle's lightweight parameters so signature verification needs no
 * provider lookup or re-decoding, and repeated verifications with the same key reuse the point's
 * precomputed multiplication tables.
 *
 * <pre>{@code
 * EcPublicKey key = EcPublicKey.fromSubjectPublicKeyInfo(derBytes);
 * boolean ok = CryptoSuite.byName("sm").verify(key, message, signature);
 * }</pre>
 */
public final class EcPublicKey {
  private final Curve curve;
  private final ECPublicKeyParameters parameters;
  private final byte[] encoded;

  /**
   * SM2's Z for this key under the sm suite's user ID, computed on first use and kept for the key's
   * lifetime like BouncyCastle keeps the point's multiplication tables. Racy but idempotent: two
   * threads may both compute it, and either result is the same.
   */
  private volatile byte[] sm2Z;

  EcPublicKey(Curve curve, ECPoint point) {
    this.curve = curve;
    try {
      this.parameters = new ECPublicKeyParameters(point, curve.domain());
    } catch (IllegalArgumentException e) {
      throw new MalformedKeyException(
          "public key is not a valid point on " + curve.curveName() + ": " + e.getMessage(), e);
    }
    try {
      this.encoded =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(parameters).getEncoded();
    } catch (IOException e) {
      throw new MalformedKeyException("cannot encode public key: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a DER SubjectPublicKeyInfo (the body of a {@code PUBLIC KEY} PEM block).
   *
   * @throws MalformedKeyException if the bytes are not an EC key on a supported curve
   */
  public static EcPublicKey fromSubjectPublicKeyInfo(byte[] der) {
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new MalformedKeyException("public key is not a DER SubjectPublicKeyInfo", e);
    }
    if (info == null) {
      throw new MalformedKeyException("public key is empty");
    }
    return fromSubjectPublicKeyInfo(info);
  }

  /** Decodes a parsed SubjectPublicKeyInfo, for example one taken from a certificate. */
  public static EcPublicKey fromSubjectPublicKeyInfo(SubjectPublicKeyInfo info) {
    AlgorithmIdentifier alg = info.getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())) {
      throw new MalformedKeyException(
          "public key algorithm "
              + alg.getAlgorithm().getId()
              + " is not an elliptic-curve key (id-ecPublicKey)");
    }
    if (!(alg.getParameters() instanceof ASN1ObjectIdentifier curveOid)) {
      throw new MalformedKeyException(
          "public key does not name its curve; only named curves are supported");
    }
    Curve curve = Curve.forOid(curveOid);
    return fromEncodedPoint(curve, info.getPublicKeyData().getOctets());
  }

  /**
   * Decodes an SEC 1 point encoding (compressed or uncompressed) on the given curve.
   *
   * @throws MalformedKeyException if the bytes are not a point on that curve
   */
  public static EcPublicKey fromEncodedPoint(Curve curve, byte[] point) {
    ECPoint p;
    try {
      p = curve.domain().getCurve().decodePoint(point);
    } catch (RuntimeException e) {
      throw new MalformedKeyException(
          "bytes are not a point on " + curve.curveName() + ": " + e.getMessage(), e);
    }
    return new EcPublicKey(curve, p);
  }

  /** Converts a JCA public key (from a certificate or a KeyStore). */
  public static EcPublicKey fromJca(PublicKey key) {
    return fromSubjectPublicKeyInfo(key.getEncoded());
  }

  public Curve curve() {
    return curve;
  }

  /** The cached SM2 Z value, computing it with {@code compute} the first time; never modified. */
  byte[] sm2Z(Function<EcPublicKey, byte[]> compute) {
    byte[] z = sm2Z;
    if (z == null) {
      z = compute.apply(this);
      sm2Z = z;
    }
    return z;
  }

  /** BouncyCastle lightweight parameters; shared, never modified. */
  public ECPublicKeyParameters parameters() {
    return parameters;
  }

  /** DER SubjectPublicKeyInfo. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Uncompressed SEC 1 point encoding, 65 bytes. */
  public byte[] encodedPoint() {
    return parameters.getQ().getEncoded(false);
  }

  /** Lowercase hex of the DER SubjectPublicKeyInfo, as genesis files and APIs print keys. */
  public String toHex() {
    return HexFormat.of().formatHex(encoded);
  }

  /** The same key as a JCA object, for X.509 and TLS code that needs one. */
  public PublicKey toJca() {
    try {
      return JcaBridge.keyFactory().generatePublic(new X509EncodedKeySpec(encoded));
    } catch (java.security.GeneralSecurityException e) {
      throw new MalformedKeyException("cannot convert public key to JCA: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EcPublicKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "EcPublicKey[" + curve.curveName() + " " + toHex() + "]";
  }
}
