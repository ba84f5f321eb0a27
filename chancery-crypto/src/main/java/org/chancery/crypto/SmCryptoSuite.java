package org.chancery.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** The {@code sm} suite: SM2, SM3, SM4-GCM and SM2 encryption. See {@link CryptoSuite}. */
final class SmCryptoSuite extends AbstractCryptoSuite implements CryptoSuite {
  static final String NAME = "sm";
  static final SmCryptoSuite INSTANCE = new SmCryptoSuite();

  /** The GB/T 35276 default distinguishing identifier, which BouncyCastle also defaults to. */
  private static final byte[] USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  /** C1 in a wrapped key: an uncompressed sm2p256v1 point. */
  private static final int POINT_LENGTH = 65;

  private static final byte UNCOMPRESSED_POINT = 0x04;

  /** C3 in a wrapped key, Z, and e: SM3 digests. */
  private static final int SM3_LENGTH = 32;

  /** k·G with the base point's shared comb table (the same multiplier SM2Signer uses). */
  private static final ECMultiplier BASE_POINT_MULTIPLIER = new FixedPointCombMultiplier();

  private SmCryptoSuite() {
    super(Curve.SM2P256V1, SM3Digest::new, SM4Engine::new, 16, "SM4-GCM");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String hashAlgorithm() {
    return "SM3";
  }

  @Override
  public String signatureAlgorithm() {
    return "SM3withSM2";
  }

  // Signing and verification follow GB/T 32918.2-2016 (steps A1-A7 and B1-B7) directly, on
  // BouncyCastle's curve arithmetic, instead of going through BouncyCastle's SM2Signer: its init
  // recomputes Z (a hash over the curve, the user ID and the public key) on every call and, when
  // signing, derives the public key from the private one with a full base-point multiplication.
  // Here Z is computed once per key and kept on the EcPublicKey (next to BouncyCastle's
  // precomputed tables for the point), which makes signing about twice as fast and takes the
  // per-call overhead out of verification. Sm2CrossImplementationTest, the OpenSSL vector and
  // OpenSslInteropTest hold this to the standard.

  @Override
  public byte[] sign(EcPrivateKey key, byte[] message) {
    requireCurve(key.curve(), "signing key");
    ECDomainParameters domain = curve().domain();
    BigInteger n = domain.getN();
    BigInteger d = key.parameters().getD();
    BigInteger e = digestToSign(key.publicKey(), message);
    RandomDSAKCalculator nonces = new RandomDSAKCalculator();
    nonces.init(n, random);
    BigInteger r;
    BigInteger s;
    do {
      BigInteger k;
      do {
        k = nonces.nextK(); // A3: k in [1, n-1]
        ECPoint kG = BASE_POINT_MULTIPLIER.multiply(domain.getG(), k).normalize(); // A4
        r = e.add(kG.getAffineXCoord().toBigInteger()).mod(n); // A5
      } while (r.signum() == 0 || r.add(k).equals(n));
      // A6: s = (1 + d)^-1 * (k - r * d) mod n
      s =
          BigIntegers.modOddInverse(n, d.add(BigInteger.ONE))
              .multiply(k.subtract(r.multiply(d)))
              .mod(n);
    } while (s.signum() == 0);
    try {
      return StandardDSAEncoding.INSTANCE.encode(n, r, s);
    } catch (IOException encodingFailure) {
      throw new IllegalStateException("DER encoding of an SM2 signature failed", encodingFailure);
    }
  }

  @Override
  public boolean verify(EcPublicKey key, byte[] message, byte[] signature) {
    requireCurve(key.curve(), "verification key");
    ECDomainParameters domain = curve().domain();
    BigInteger n = domain.getN();
    BigInteger[] rs;
    try {
      // Accepts only the one canonical DER encoding of two integers in [0, n), so a signature
      // cannot be re-encoded into a second valid form.
      rs = StandardDSAEncoding.INSTANCE.decode(n, signature);
    } catch (IOException | RuntimeException malformed) {
      return false;
    }
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    if (r.signum() <= 0 || s.signum() <= 0) { // B1, B2 (the decoder already checked < n)
      return false;
    }
    BigInteger e = digestToSign(key, message); // B3, B4
    BigInteger t = r.add(s).mod(n); // B5
    if (t.signum() == 0) {
      return false;
    }
    ECPoint point =
        ECAlgorithms.sumOfTwoMultiplies(domain.getG(), s, key.parameters().getQ(), t); // B6
    if (point.isInfinity()) {
      return false;
    }
    return affineXIsOneOf(point, r.subtract(e).mod(n), n); // B7: (e + x1) mod n == r
  }

  /**
   * Whether the affine x of {@code point} is {@code candidate} or {@code candidate + k*n} (k >= 1)
   * within the field, checked as {@code X == candidate * Z^2} on the Jacobian coordinates. This is
   * how BouncyCastle's ECDSASigner finishes verification: it avoids a field inversion, which
   * BouncyCastle's normalize() also blinds with a fresh random element (a SecureRandom read that
   * threads contend for); none of that is needed when every input is public.
   */
  private static boolean affineXIsOneOf(ECPoint point, BigInteger candidate, BigInteger n) {
    ECCurve curve = point.getCurve();
    int coordinates = curve.getCoordinateSystem();
    if (coordinates != ECCurve.COORD_JACOBIAN
        && coordinates != ECCurve.COORD_JACOBIAN_MODIFIED
        && coordinates != ECCurve.COORD_JACOBIAN_CHUDNOVSKY) {
      BigInteger x = point.normalize().getAffineXCoord().toBigInteger();
      return x.mod(n).equals(candidate);
    }
    ECFieldElement zSquared = point.getZCoord(0).square();
    ECFieldElement x = point.getRawXCoord();
    for (BigInteger v = candidate; curve.isValidFieldElement(v); v = v.add(n)) {
      if (curve.fromBigInteger(v).multiply(zSquared).equals(x)) {
        return true;
      }
    }
    return false;
  }

  /** e = SM3(Z || M) as an integer (A1, A2 and B3, B4). */
  private static BigInteger digestToSign(EcPublicKey key, byte[] message) {
    SM3Digest digest = new SM3Digest();
    byte[] z = key.sm2Z(SmCryptoSuite::z);
    digest.update(z, 0, z.length);
    digest.update(message, 0, message.length);
    byte[] out = new byte[SM3_LENGTH];
    digest.doFinal(out, 0);
    return new BigInteger(1, out);
  }

  /**
   * Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), the hash that binds a signature to the
   * signer's identity and key (Z_A in GB/T 32918.2-2016).
   */
  private static byte[] z(EcPublicKey key) {
    ECDomainParameters domain = key.curve().domain();
    ECPoint q = key.parameters().getQ().normalize();
    SM3Digest digest = new SM3Digest();
    int entl = USER_ID.length * 8;
    digest.update((byte) (entl >>> 8));
    digest.update((byte) entl);
    digest.update(USER_ID, 0, USER_ID.length);
    for (ECFieldElement element :
        new ECFieldElement[] {
          domain.getCurve().getA(),
          domain.getCurve().getB(),
          domain.getG().getAffineXCoord(),
          domain.getG().getAffineYCoord(),
          q.getAffineXCoord(),
          q.getAffineYCoord()
        }) {
      byte[] bytes = element.getEncoded();
      digest.update(bytes, 0, bytes.length);
    }
    byte[] out = new byte[SM3_LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  @Override
  public byte[] wrapKey(EcPublicKey recipient, byte[] dataKey) {
    requireCurve(recipient.curve(), "recipient key");
    requireDataKeyLength(dataKey);
    SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
    engine.init(true, new ParametersWithRandom(recipient.parameters(), random));
    try {
      return engine.processBlock(dataKey, 0, dataKey.length);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("SM2 encryption failed with a valid key", e);
    }
  }

  @Override
  public byte[] unwrapKey(EcPrivateKey recipient, byte[] wrapped) {
    requireCurve(recipient.curve(), "recipient key");
    int expectedLength = POINT_LENGTH + SM3_LENGTH + dataKeyLength();
    if (wrapped.length != expectedLength) {
      throw new DecryptionFailedException(
          "wrapped key is " + wrapped.length + " bytes, expected " + expectedLength);
    }
    // wrapKey always writes C1 uncompressed. SM2Engine would also decode the SEC 1 "hybrid"
    // prefixes 0x06/0x07, and C3 does not cover C1's encoding, so without this check flipping one
    // bit (0x04 -> 0x06 when y is even) would leave a wrapped key that still opens.
    if (wrapped[0] != UNCOMPRESSED_POINT) {
      throw new DecryptionFailedException(
          "wrapped key does not start with an uncompressed point (0x04): the bytes were altered");
    }
    SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
    engine.init(false, recipient.parameters());
    byte[] key;
    try {
      key = engine.processBlock(wrapped, 0, wrapped.length);
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new DecryptionFailedException(
          "SM2 key unwrap failed: not wrapped for this key, or the bytes were altered", e);
    }
    if (key.length != dataKeyLength()) {
      throw new DecryptionFailedException(
          "unwrapped key is " + key.length + " bytes, expected " + dataKeyLength());
    }
    return key;
  }

  private void requireDataKeyLength(byte[] dataKey) {
    if (dataKey.length != dataKeyLength()) {
      throw new MalformedKeyException(
          "data key must be " + dataKeyLength() + " bytes for SM4-GCM, got " + dataKey.length);
    }
  }
}
