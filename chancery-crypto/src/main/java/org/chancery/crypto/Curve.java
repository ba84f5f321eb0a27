package org.chancery.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/**
 * The elliptic curves Chancery uses. Each constant holds BouncyCastle's optimised ("custom")
 * implementation of its curve, so every key decoded anywhere in the process shares one curve object
 * and its precomputed tables.
 */
public enum Curve {
  /** sm2p256v1 (GB/T 32918.5), the curve of the {@code sm} suite. */
  SM2P256V1("sm2p256v1", GMObjectIdentifiers.sm2p256v1),
  /** NIST P-256 (secp256r1, prime256v1), the curve of the {@code nist} suite and of TLS keys. */
  P256("secp256r1", SECObjectIdentifiers.secp256r1);

  private final String curveName;
  private final ASN1ObjectIdentifier oid;
  private final ECNamedDomainParameters domain;

  Curve(String curveName, ASN1ObjectIdentifier oid) {
    this.curveName = curveName;
    this.oid = oid;
    X9ECParameters x9 = CustomNamedCurves.getByOID(oid);
    this.domain = new ECNamedDomainParameters(oid, x9);
  }

  /** The curve's standard name, as OpenSSL prints it. */
  public String curveName() {
    return curveName;
  }

  /** The curve's object identifier, as it appears in SubjectPublicKeyInfo. */
  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** BouncyCastle domain parameters over the optimised curve implementation. */
  public ECNamedDomainParameters domain() {
    return domain;
  }

  /** Size of an uncompressed point encoding (0x04 || x || y). */
  public int uncompressedPointLength() {
    return 65;
  }

  /**
   * Looks a curve up by object identifier.
   *
   * @throws MalformedKeyException if Chancery does not support the curve
   */
  public static Curve forOid(ASN1ObjectIdentifier oid) {
    for (Curve c : values()) {
      if (c.oid.equals(oid)) {
        return c;
      }
    }
    throw new MalformedKeyException(
        "unsupported elliptic curve "
            + oid.getId()
            + "; Chancery keys are on sm2p256v1 (suite sm) or P-256 (suite nist, TLS)");
  }
}
