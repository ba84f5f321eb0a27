package org.chancery.crypto;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle JCA provider instance the process uses where a JCA object is unavoidable
 * (X.509 certificates, PEM, TLS). It is passed explicitly and never installed into the JVM-wide
 * provider list, so Chancery changes no global state. Hot paths (sign, verify, hash) use the
 * lightweight API instead.
 */
public final class JcaBridge {
  private static final Provider PROVIDER = new BouncyCastleProvider();

  private JcaBridge() {}

  /** The shared BouncyCastle provider. */
  public static Provider provider() {
    return PROVIDER;
  }

  static KeyFactory keyFactory() {
    try {
      return KeyFactory.getInstance("EC", PROVIDER);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BouncyCastle provides EC keys", e);
    }
  }
}
