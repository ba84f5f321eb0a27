package org.chancery.bench.crypto;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Map;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One key pair, a 1 KiB message and its signature per suite, made once per trial and shared by
 * every benchmark thread (as a node shares its peers' keys).
 */
@State(Scope.Benchmark)
public class SuiteState {
  /** The JCA algorithm a typical caller would use for the same signature scheme. */
  static final Map<String, String> JCA_ALGORITHM =
      Map.of("sm", "SM3withSM2", "nist", "SHA256withECDSA");

  @Param({"sm", "nist"})
  public String suiteName;

  CryptoSuite suite;
  EcKeyPair keys;
  byte[] message;
  byte[] signature;
  PublicKey jcaPublicKey;

  @Setup(Level.Trial)
  public void setUp() {
    suite = CryptoSuite.byName(suiteName);
    keys = suite.generateKeyPair();
    message = new byte[1024];
    new SecureRandom().nextBytes(message);
    signature = suite.sign(keys.privateKey(), message);
    jcaPublicKey = keys.publicKey().toJca();
    if (!suite.verify(keys.publicKey(), message, signature)) {
      throw new IllegalStateException(
          suiteName + ": the benchmark's own signature does not verify");
    }
  }
}
