package org.chancery.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

/** The {@code sm} suite: SM2, SM3, SM4-GCM and SM2 encryption. See {@link CryptoSuite}. */
final class SmCryptoSuite extends AbstractCryptoSuite implements CryptoSuite {
  static final String NAME = "sm";
  static final SmCryptoSuite INSTANCE = new SmCryptoSuite();

  /** The GB/T 35276 default distinguishing identifier, which BouncyCastle also defaults to. */
  private static final byte[] USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  /** C1 in a wrapped key: an uncompressed sm2p256v1 point. */
  private static final int POINT_LENGTH = 65;

  private static final byte UNCOMPRESSED_POINT = 0x04;

  /** C3 in a wrapped key: SM3(x2 || M || y2). */
  private static final int SM3_LENGTH = 32;

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

  @Override
  public byte[] sign(EcPrivateKey key, byte[] message) {
    requireCurve(key.curve(), "signing key");
    SM2Signer signer = new SM2Signer();
    signer.init(
        true, new ParametersWithID(new ParametersWithRandom(key.parameters(), random), USER_ID));
    signer.update(message, 0, message.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new IllegalStateException("SM2 signing failed with a valid key", e);
    }
  }

  @Override
  public boolean verify(EcPublicKey key, byte[] message, byte[] signature) {
    requireCurve(key.curve(), "verification key");
    SM2Signer verifier = new SM2Signer();
    verifier.init(false, new ParametersWithID(key.parameters(), USER_ID));
    verifier.update(message, 0, message.length);
    try {
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      // BouncyCastle reports some malformed encodings by throwing; for a verifier they are
      // simply invalid signatures.
      return false;
    }
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
