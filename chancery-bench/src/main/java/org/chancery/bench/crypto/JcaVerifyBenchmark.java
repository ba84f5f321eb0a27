package org.chancery.bench.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The baselines {@link CryptoSuiteBenchmark#verify} is compared with: the same kind of signature
 * over a 1 KiB message checked through the JCA the way a typical caller writes it, {@code
 * getInstance} + {@code initVerify} + {@code update} + {@code verify} on every call (a {@link
 * Signature} object is stateful and not thread-safe, so callers rarely keep one).
 *
 * <ul>
 *   <li>{@link #bouncyCastle}: BouncyCastle's provider, {@code SM3withSM2} for sm and {@code
 *       SHA256withECDSA} for nist, with one provider instance created at setup as in {@code
 *       Signature.getInstance("SM3withSM2", provider)}. The SM2 user ID is BouncyCastle's default,
 *       {@code 1234567812345678}, the same as the suite's.
 *   <li>{@link #jdkSha256WithEcdsa}: the JDK's own provider (SunEC), P-256 only; the JDK has no
 *       SM2.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JcaVerifyBenchmark {

  /** BouncyCastle's JCA provider, created once like an application would. */
  @State(Scope.Benchmark)
  public static class BouncyCastleState {
    Provider provider;
    String algorithm;

    @Setup(Level.Trial)
    public void setUp(SuiteState suite) throws GeneralSecurityException {
      provider = new BouncyCastleProvider();
      algorithm = SuiteState.JCA_ALGORITHM.get(suite.suiteName);
      if (!verifyOnce(Signature.getInstance(algorithm, provider), suite.jcaPublicKey, suite)) {
        throw new IllegalStateException(
            algorithm + " via BouncyCastle's JCA rejects the suite's signature");
      }
    }
  }

  /** A P-256 key as the JDK's own KeyFactory decodes it, and a nist-suite signature. */
  @State(Scope.Benchmark)
  public static class JdkState {
    PublicKey publicKey;
    byte[] message;
    byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      CryptoSuite nist = CryptoSuite.byName("nist");
      EcKeyPair keys = nist.generateKeyPair();
      message = new byte[1024];
      new SecureRandom().nextBytes(message);
      signature = nist.sign(keys.privateKey(), message);
      publicKey =
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(keys.publicKey().encoded()));
      Signature check = Signature.getInstance("SHA256withECDSA");
      check.initVerify(publicKey);
      check.update(message);
      if (!check.verify(signature)) {
        throw new IllegalStateException("the JDK rejects the nist suite's signature");
      }
    }
  }

  @Benchmark
  public boolean bouncyCastle(SuiteState suite, BouncyCastleState bc)
      throws GeneralSecurityException {
    return verifyOnce(Signature.getInstance(bc.algorithm, bc.provider), suite.jcaPublicKey, suite);
  }

  @Benchmark
  public boolean jdkSha256WithEcdsa(JdkState jdk) throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(jdk.publicKey);
    verifier.update(jdk.message);
    return verifier.verify(jdk.signature);
  }

  static boolean verifyOnce(Signature verifier, PublicKey key, SuiteState suite)
      throws GeneralSecurityException {
    verifier.initVerify(key);
    verifier.update(suite.message);
    return verifier.verify(suite.signature);
  }
}
