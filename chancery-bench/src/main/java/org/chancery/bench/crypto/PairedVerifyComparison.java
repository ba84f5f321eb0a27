package org.chancery.bench.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;

/**
 * A paired A/B comparison of {@link CryptoSuite#verify} with BouncyCastle's JCA verify (the same
 * per-call pattern as {@link JcaVerifyBenchmark#bouncyCastle}), for machines where other work makes
 * JMH's one-after-the-other runs incomparable. It alternates short bursts of the two, switching
 * which goes first, and reports the median and quartiles of the per-pair throughput ratio; slow
 * changes in background load affect both halves of a pair alike and cancel out.
 *
 * <pre>
 * java -cp chancery-bench/target/chancery-benchmarks.jar \
 *     org.chancery.bench.crypto.PairedVerifyComparison [burst=100] [pairs=700]
 * </pre>
 */
public final class PairedVerifyComparison {
  private static final int WARMUP_PAIRS = 100;

  private PairedVerifyComparison() {}

  public static void main(String[] args) throws GeneralSecurityException {
    int burst = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 700;
    for (String suiteName : CryptoSuite.NAMES) {
      List<Double> ratios = compare(CryptoSuite.byName(suiteName), burst, pairs);
      int n = ratios.size();
      System.out.printf(
          "%-4s verify, suite / JCA %s throughput over %d pairs of %d calls: median %.3f,"
              + " quartiles %.3f-%.3f%n",
          suiteName,
          SuiteState.JCA_ALGORITHM.get(suiteName),
          n,
          burst,
          ratios.get(n / 2),
          ratios.get(n / 4),
          ratios.get(3 * n / 4));
    }
  }

  private static List<Double> compare(CryptoSuite suite, int burst, int pairs)
      throws GeneralSecurityException {
    EcKeyPair keys = suite.generateKeyPair();
    byte[] message = new byte[1024];
    new SecureRandom().nextBytes(message);
    byte[] signature = suite.sign(keys.privateKey(), message);
    PublicKey jcaKey = keys.publicKey().toJca();
    Provider provider = new BouncyCastleProvider();
    String algorithm = SuiteState.JCA_ALGORITHM.get(suite.name());

    List<Double> ratios = new ArrayList<>();
    for (int pair = 0; pair < WARMUP_PAIRS + pairs; pair++) {
      long suiteNanos = 0;
      long jcaNanos = 0;
      for (int half = 0; half < 2; half++) {
        boolean suiteTurn = (half == 0) == (pair % 2 == 0);
        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) {
          boolean valid;
          if (suiteTurn) {
            valid = suite.verify(keys.publicKey(), message, signature);
          } else {
            Signature verifier = Signature.getInstance(algorithm, provider);
            verifier.initVerify(jcaKey);
            verifier.update(message);
            valid = verifier.verify(signature);
          }
          if (!valid) {
            throw new IllegalStateException(suite.name() + ": a valid signature did not verify");
          }
        }
        long elapsed = System.nanoTime() - start;
        if (suiteTurn) {
          suiteNanos = elapsed;
        } else {
          jcaNanos = elapsed;
        }
      }
      if (pair >= WARMUP_PAIRS) {
        ratios.add((double) jcaNanos / suiteNanos);
      }
    }
    Collections.sort(ratios);
    return ratios;
  }
}
