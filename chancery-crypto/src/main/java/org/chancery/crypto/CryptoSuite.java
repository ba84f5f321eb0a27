package org.chancery.crypto;

import java.util.List;

/**
 * The cryptography a chain uses: one signature scheme, one hash, one authenticated cipher and one
 * way to wrap a data key for a recipient's public key. A chain names its suite in the genesis and
 * never mixes suites.
 *
 * <ul>
 *   <li>{@code sm}: SM2 signatures over SM3 with user ID {@code 1234567812345678} (GB/T 32918, GB/T
 *       35276), DER-encoded (r, s); SM3; SM4-GCM; SM2 public-key encryption (C1C3C2) to wrap data
 *       keys.
 *   <li>{@code nist}: ECDSA P-256 with SHA-256 (deterministic nonces, RFC 6979), DER-encoded (r,
 *       s); SHA-256; AES-256-GCM; ECIES on P-256 (ECDH, HKDF-SHA-256, AES-256-GCM) to wrap data
 *       keys.
 * </ul>
 *
 * <p>Implementations are immutable and thread-safe: any number of threads may sign, verify and hash
 * through one instance at the same time.
 *
 * <pre>{@code
 * CryptoSuite suite = CryptoSuite.byName("sm");
 * EcKeyPair keys = suite.generateKeyPair();
 * byte[] signature = suite.sign(keys.privateKey(), message);
 * boolean valid = suite.verify(keys.publicKey(), message, signature);
 * }</pre>
 */
public sealed interface CryptoSuite permits SmCryptoSuite, NistCryptoSuite {

  /** Names accepted by {@link #byName(String)}. */
  List<String> NAMES = List.of(SmCryptoSuite.NAME, NistCryptoSuite.NAME);

  /**
   * Returns the suite with the given name.
   *
   * @throws UnknownSuiteException if the name is neither {@code sm} nor {@code nist}
   */
  static CryptoSuite byName(String name) {
    if (SmCryptoSuite.NAME.equals(name)) {
      return SmCryptoSuite.INSTANCE;
    }
    if (NistCryptoSuite.NAME.equals(name)) {
      return NistCryptoSuite.INSTANCE;
    }
    throw new UnknownSuiteException(
        "unknown crypto suite '" + name + "'; choose one of " + String.join(", ", NAMES));
  }

  /** The suite's name: {@code sm} or {@code nist}. */
  String name();

  /** The curve of the suite's signing and encryption keys. */
  Curve curve();

  /** The hash's name, for example {@code SM3}. */
  String hashAlgorithm();

  /** The X.509 / JCA signature algorithm name, for example {@code SM3withSM2}. */
  String signatureAlgorithm();

  /** The authenticated cipher's name, for example {@code SM4-GCM}. */
  String cipherAlgorithm();

  /** Generates a fresh key pair on {@link #curve()} from a strong random source. */
  EcKeyPair generateKeyPair();

  /**
   * Signs the exact bytes of {@code message}.
   *
   * @return a DER SEQUENCE of (r, s)
   * @throws WrongCurveException if the key is not on this suite's curve
   */
  byte[] sign(EcPrivateKey key, byte[] message);

  /**
   * Verifies a DER signature over the exact bytes of {@code message}. A malformed, non-canonical or
   * wrong signature returns {@code false}; it never throws for bad signature bytes.
   *
   * @throws WrongCurveException if the key is not on this suite's curve
   */
  boolean verify(EcPublicKey key, byte[] message, byte[] signature);

  /** Length of a digest in bytes (32 for both suites). */
  int hashLength();

  /** Hashes {@code data}. */
  byte[] hash(byte[] data);

  /** Starts an incremental hash. */
  Hasher newHasher();

  /** Length in bytes of a data key for {@link #encrypt}: 16 for SM4, 32 for AES-256. */
  int dataKeyLength();

  /** Generates a fresh random data key. */
  byte[] newDataKey();

  /**
   * Encrypts and authenticates {@code plaintext}, and authenticates {@code associatedData}.
   *
   * @return {@code nonce (12 bytes) || ciphertext || tag (16 bytes)}
   * @throws MalformedKeyException if the data key has the wrong length
   */
  byte[] encrypt(byte[] dataKey, byte[] plaintext, byte[] associatedData);

  /**
   * Reverses {@link #encrypt}.
   *
   * @throws DecryptionFailedException if the key is wrong or any byte was altered
   */
  byte[] decrypt(byte[] dataKey, byte[] sealed, byte[] associatedData);

  /**
   * Encrypts a data key so that only the holder of the recipient's private key can recover it.
   *
   * @throws WrongCurveException if the recipient key is not on this suite's curve
   */
  byte[] wrapKey(EcPublicKey recipient, byte[] dataKey);

  /**
   * Recovers a data key wrapped by {@link #wrapKey}.
   *
   * @throws DecryptionFailedException if the key is not the recipient's or the bytes were altered
   */
  byte[] unwrapKey(EcPrivateKey recipient, byte[] wrapped);

  /** An incremental hash; not thread-safe, one per thread. */
  interface Hasher {
    Hasher update(byte[] data);

    Hasher update(byte[] data, int offset, int length);

    /** Finishes the hash; the hasher is reset and can be reused. */
    byte[] digest();
  }
}
