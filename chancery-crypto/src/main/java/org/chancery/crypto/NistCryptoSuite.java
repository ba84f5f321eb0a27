package org.chancery.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.util.BigIntegers;

/**
 * The {@code nist} suite: ECDSA P-256 with SHA-256, SHA-256, AES-256-GCM and ECIES. See {@link
 * CryptoSuite}.
 *
 * <p>Key wrapping is ECIES in the SEC 1 shape with an AEAD as the data encapsulation: a fresh
 * ephemeral P-256 key, ECDH with the recipient, HKDF-SHA-256 over the shared x coordinate (salt:
 * both public points; info: {@code chancery/ecies-p256/v1}) to an AES-256 key and a 12-byte nonce,
 * then AES-256-GCM. Output: {@code ephemeral point (65 bytes) || ciphertext || tag}.
 */
final class NistCryptoSuite extends AbstractCryptoSuite implements CryptoSuite {
  static final String NAME = "nist";
  static final NistCryptoSuite INSTANCE = new NistCryptoSuite();

  private static final byte[] ECIES_INFO =
      "chancery/ecies-p256/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int POINT_LENGTH = 65;

  private NistCryptoSuite() {
    super(Curve.P256, SHA256Digest::newInstance, AESEngine::newInstance, 32, "AES-256-GCM");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String hashAlgorithm() {
    return "SHA-256";
  }

  @Override
  public String signatureAlgorithm() {
    return "SHA256withECDSA";
  }

  @Override
  public byte[] sign(EcPrivateKey key, byte[] message) {
    requireCurve(key.curve(), "signing key");
    byte[] digest = hash(message);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(SHA256Digest.newInstance()));
    signer.init(true, key.parameters());
    BigInteger[] rs = signer.generateSignature(digest);
    try {
      return StandardDSAEncoding.INSTANCE.encode(curve().domain().getN(), rs[0], rs[1]);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("DER encoding of an ECDSA signature failed", e);
    }
  }

  @Override
  public boolean verify(EcPublicKey key, byte[] message, byte[] signature) {
    requireCurve(key.curve(), "verification key");
    BigInteger[] rs;
    try {
      // Rejects anything but the one canonical DER encoding, so signatures are not malleable
      // through their encoding.
      rs = StandardDSAEncoding.INSTANCE.decode(curve().domain().getN(), signature);
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key.parameters());
    return verifier.verifySignature(hash(message), rs[0], rs[1]);
  }

  @Override
  public byte[] wrapKey(EcPublicKey recipient, byte[] dataKey) {
    requireCurve(recipient.curve(), "recipient key");
    if (dataKey.length != dataKeyLength()) {
      throw new MalformedKeyException(
          "data key must be " + dataKeyLength() + " bytes for AES-256-GCM, got " + dataKey.length);
    }
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(curve().domain(), random));
    AsymmetricCipherKeyPair ephemeral = generator.generateKeyPair();
    byte[] ephemeralPoint =
        ((ECPublicKeyParameters) ephemeral.getPublic()).getQ().getEncoded(false);
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    agreement.init(ephemeral.getPrivate());
    BigInteger shared = agreement.calculateAgreement(recipient.parameters());
    byte[][] keyAndNonce = derive(shared, ephemeralPoint, recipient.encodedPoint());
    byte[] body =
        gcm(true, keyAndNonce[0], keyAndNonce[1], dataKey, 0, dataKey.length, ephemeralPoint);
    byte[] out = new byte[POINT_LENGTH + body.length];
    System.arraycopy(ephemeralPoint, 0, out, 0, POINT_LENGTH);
    System.arraycopy(body, 0, out, POINT_LENGTH, body.length);
    return out;
  }

  @Override
  public byte[] unwrapKey(EcPrivateKey recipient, byte[] wrapped) {
    requireCurve(recipient.curve(), "recipient key");
    if (wrapped.length != POINT_LENGTH + dataKeyLength() + TAG_BITS / 8) {
      throw new DecryptionFailedException(
          "wrapped key is "
              + wrapped.length
              + " bytes, expected "
              + (POINT_LENGTH + dataKeyLength() + TAG_BITS / 8));
    }
    byte[] ephemeralPoint = new byte[POINT_LENGTH];
    System.arraycopy(wrapped, 0, ephemeralPoint, 0, POINT_LENGTH);
    EcPublicKey ephemeral;
    try {
      ephemeral = EcPublicKey.fromEncodedPoint(curve(), ephemeralPoint);
    } catch (MalformedKeyException e) {
      throw new DecryptionFailedException("wrapped key carries an invalid ephemeral point", e);
    }
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    agreement.init(recipient.parameters());
    BigInteger shared = agreement.calculateAgreement(ephemeral.parameters());
    byte[][] keyAndNonce = derive(shared, ephemeralPoint, recipient.publicKey().encodedPoint());
    return gcm(
        false,
        keyAndNonce[0],
        keyAndNonce[1],
        wrapped,
        POINT_LENGTH,
        wrapped.length - POINT_LENGTH,
        ephemeralPoint);
  }

  private byte[][] derive(BigInteger shared, byte[] ephemeralPoint, byte[] recipientPoint) {
    byte[] salt = new byte[ephemeralPoint.length + recipientPoint.length];
    System.arraycopy(ephemeralPoint, 0, salt, 0, ephemeralPoint.length);
    System.arraycopy(recipientPoint, 0, salt, ephemeralPoint.length, recipientPoint.length);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(SHA256Digest.newInstance());
    hkdf.init(new HKDFParameters(BigIntegers.asUnsignedByteArray(32, shared), salt, ECIES_INFO));
    byte[] key = new byte[dataKeyLength()];
    byte[] nonce = new byte[NONCE_LENGTH];
    hkdf.generateBytes(key, 0, key.length);
    hkdf.generateBytes(nonce, 0, nonce.length);
    return new byte[][] {key, nonce};
  }
}
