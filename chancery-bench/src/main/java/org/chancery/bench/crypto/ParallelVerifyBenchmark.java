package org.chancery.bench.crypto;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link CryptoSuiteBenchmark#verify} and {@link JcaVerifyBenchmark#bouncyCastle} with two threads
 * sharing one suite instance and one key, as a node verifying a block's transactions in parallel.
 * JMH reports the sum over both threads; divide by the one-thread score for the scaling factor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class ParallelVerifyBenchmark {

  @Benchmark
  public boolean verify(SuiteState state) {
    return state.suite.verify(state.keys.publicKey(), state.message, state.signature);
  }

  @Benchmark
  public boolean jcaBouncyCastle(SuiteState suite, JcaVerifyBenchmark.BouncyCastleState bc)
      throws GeneralSecurityException {
    return JcaVerifyBenchmark.verifyOnce(
        Signature.getInstance(bc.algorithm, bc.provider), suite.jcaPublicKey, suite);
  }
}
