package org.chancery.crypto;

import java.security.SecureRandom;
import java.util.function.Supplier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** What both suites share: key generation, curve checks, GCM and incremental hashing. */
abstract sealed class AbstractCryptoSuite permits SmCryptoSuite, NistCryptoSuite {
  static final int NONCE_LENGTH = 12;
  static final int TAG_BITS = 128;

  final SecureRandom random = new SecureRandom();
  private final Curve curve;
  private final Supplier<Digest> digests;
  private final Supplier<BlockCipher> blockCiphers;
  private final int dataKeyLength;
  private final String cipherName;

  AbstractCryptoSuite(
      Curve curve,
      Supplier<Digest> digests,
      Supplier<BlockCipher> blockCiphers,
      int dataKeyLength,
      String cipherName) {
    this.curve = curve;
    this.digests = digests;
    this.blockCiphers = blockCiphers;
    this.dataKeyLength = dataKeyLength;
    this.cipherName = cipherName;
  }

  public final Curve curve() {
    return curve;
  }

  public final String cipherAlgorithm() {
    return cipherName;
  }

  final Digest newDigest() {
    return digests.get();
  }

  public final EcKeyPair generateKeyPair() {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(curve.domain(), random));
    ECPrivateKeyParameters priv = (ECPrivateKeyParameters) generator.generateKeyPair().getPrivate();
    return EcKeyPair.of(new EcPrivateKey(curve, priv.getD()));
  }

  final void requireCurve(Curve actual, String role) {
    if (actual != curve) {
      throw new WrongCurveException(
          role
              + " is on curve "
              + actual.curveName()
              + " but suite '"
              + name()
              + "' needs "
              + curve.curveName()
              + "; use a key generated for this chain's suite");
    }
  }

  public abstract String name();

  public final int hashLength() {
    return newDigest().getDigestSize();
  }

  public final byte[] hash(byte[] data) {
    Digest d = newDigest();
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  public final CryptoSuite.Hasher newHasher() {
    Digest d = newDigest();
    return new CryptoSuite.Hasher() {
      @Override
      public CryptoSuite.Hasher update(byte[] data) {
        d.update(data, 0, data.length);
        return this;
      }

      @Override
      public CryptoSuite.Hasher update(byte[] data, int offset, int length) {
        d.update(data, offset, length);
        return this;
      }

      @Override
      public byte[] digest() {
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
      }
    };
  }

  public final int dataKeyLength() {
    return dataKeyLength;
  }

  public final byte[] newDataKey() {
    byte[] key = new byte[dataKeyLength];
    random.nextBytes(key);
    return key;
  }

  public final byte[] encrypt(byte[] dataKey, byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] body = gcm(true, dataKey, nonce, plaintext, 0, plaintext.length, associatedData);
    byte[] out = new byte[NONCE_LENGTH + body.length];
    System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
    System.arraycopy(body, 0, out, NONCE_LENGTH, body.length);
    return out;
  }

  public final byte[] decrypt(byte[] dataKey, byte[] sealed, byte[] associatedData) {
    if (sealed.length < NONCE_LENGTH + TAG_BITS / 8) {
      throw new DecryptionFailedException(
          "ciphertext of "
              + sealed.length
              + " bytes is shorter than nonce and tag ("
              + (NONCE_LENGTH + TAG_BITS / 8)
              + " bytes)");
    }
    byte[] nonce = new byte[NONCE_LENGTH];
    System.arraycopy(sealed, 0, nonce, 0, NONCE_LENGTH);
    return gcm(
        false, dataKey, nonce, sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH, associatedData);
  }

  /** One GCM pass; shared with key wrapping, which derives its own key and nonce. */
  final byte[] gcm(
      boolean encrypt,
      byte[] key,
      byte[] nonce,
      byte[] input,
      int offset,
      int length,
      byte[] associatedData) {
    if (key.length != dataKeyLength) {
      throw new MalformedKeyException(
          "data key must be " + dataKeyLength + " bytes for " + cipherName + ", got " + key.length);
    }
    GCMModeCipher cipher = GCMBlockCipher.newInstance(blockCiphers.get());
    cipher.init(
        encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
    byte[] out = new byte[cipher.getOutputSize(length)];
    int n = cipher.processBytes(input, offset, length, out, 0);
    try {
      n += cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new DecryptionFailedException(
          cipherName + " authentication failed: wrong key, or the data or its context was altered",
          e);
    }
    if (n == out.length) {
      return out;
    }
    byte[] exact = new byte[n];
    System.arraycopy(out, 0, exact, 0, n);
    return exact;
  }
}
