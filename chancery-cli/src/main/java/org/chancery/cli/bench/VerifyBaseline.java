package org.chancery.cli.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;

/**
 * The machine's own limit for a node that verifies one signature per transaction: how many
 * signatures the suite verifies per second on {@code threads} threads at once, all checking the
 * same key, as a busy node checks one member's transactions. Measured in the benchmark's own run,
 * so the ratio of throughput to it compares runs on different or differently loaded machines.
 *
 * <pre>{@code
 * double limit = new VerifyBaseline(CryptoSuite.byName("sm"), 2, Duration.ofSeconds(5)).measure();
 * }</pre>
 *
 * @param suite the chain's suite
 * @param threads how many threads verify at once (all cores, for the machine's limit)
 * @param duration how long to measure, after a warm-up as long (one second at most)
 */
record VerifyBaseline(CryptoSuite suite, int threads, Duration duration) {

  /** Messages of this size: about a small transaction body. */
  private static final int MESSAGE_BYTES = 800;

  /**
   * Each thread verifies this long (or {@code duration} if shorter) before counting, so the JIT has
   * compiled the path being measured on every thread.
   */
  private static final Duration WARMUP = Duration.ofSeconds(1);

  /** Verifications per second, summed over all threads. */
  double measure() throws InterruptedException {
    EcKeyPair keys = suite.generateKeyPair();
    byte[] message = new byte[MESSAGE_BYTES];
    new SecureRandom().nextBytes(message);
    byte[] signature = suite.sign(keys.privateKey(), message);
    AtomicLong total = new AtomicLong();
    List<Thread> workers = new ArrayList<>(threads);
    long start = System.nanoTime() + Math.min(WARMUP.toNanos(), duration.toNanos());
    long end = start + duration.toNanos();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .name("verify-baseline-" + t)
              .start(
                  () -> {
                    while (System.nanoTime() < start) {
                      verify(keys, message, signature);
                    }
                    long n = 0;
                    while (System.nanoTime() < end) {
                      verify(keys, message, signature);
                      n++;
                    }
                    total.addAndGet(n);
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    return total.get() / ((System.nanoTime() - start) / 1e9);
  }

  private void verify(EcKeyPair keys, byte[] message, byte[] signature) {
    if (!suite.verify(keys.publicKey(), message, signature)) {
      throw new IllegalStateException(
          "the " + suite.name() + " suite failed to verify its own signature");
    }
  }
}
