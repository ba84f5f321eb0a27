package org.chancery.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Keys made by the JDK's own providers, for inputs Chancery must refuse or accept. */
public final class JdkKeys {
  private JdkKeys() {}

  /** An EC key pair on a named curve, for example {@code secp384r1}, from the JDK (SunEC). */
  public static KeyPair ec(String curveName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curveName));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make " + curveName + " keys", e);
    }
  }

  /** An RSA key pair from the JDK. */
  public static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make RSA keys", e);
    }
  }

  /** DER bytes wrapped in a PEM block of the given type. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
