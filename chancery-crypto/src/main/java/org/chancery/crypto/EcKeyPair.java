package org.chancery.crypto;

/**
 * A private key and its public key.
 *
 * @param publicKey the public half
 * @param privateKey the private half
 */
public record EcKeyPair(EcPublicKey publicKey, EcPrivateKey privateKey) {
  public EcKeyPair {
    if (!privateKey.publicKey().equals(publicKey)) {
      throw new MalformedKeyException("public key does not match private key");
    }
  }

  /** Pairs a private key with the public key derived from it. */
  public static EcKeyPair of(EcPrivateKey privateKey) {
    return new EcKeyPair(privateKey.publicKey(), privateKey);
  }

  public Curve curve() {
    return privateKey.curve();
  }
}
