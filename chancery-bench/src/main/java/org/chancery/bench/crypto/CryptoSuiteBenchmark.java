package org.chancery.bench.crypto;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Sign, verify and hash of a 1 KiB message through {@link org.chancery.crypto.CryptoSuite}, one
 * thread, for each suite. See docs/benchmarks.md for how to run it and the numbers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoSuiteBenchmark {

  @Benchmark
  public byte[] sign(SuiteState state) {
    return state.suite.sign(state.keys.privateKey(), state.message);
  }

  @Benchmark
  public boolean verify(SuiteState state) {
    return state.suite.verify(state.keys.publicKey(), state.message, state.signature);
  }

  @Benchmark
  public byte[] hash(SuiteState state) {
    return state.suite.hash(state.message);
  }
}
