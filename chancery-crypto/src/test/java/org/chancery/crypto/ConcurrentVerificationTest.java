package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One suite instance and one set of key objects verify correctly from many threads at once, as a
 * node does when it checks a block's transactions in parallel. Shared state that could race: the
 * suite's SecureRandom, the curve's and each public key's precomputed multiplication tables.
 */
class ConcurrentVerificationTest {
  private static final int THREADS = 4;
  private static final int KEYS = 8;
  private static final int MESSAGES_PER_KEY = 12;
  private static final int ROUNDS = 5;

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void verifiesManySignaturesConcurrentlyWithSharedKeys(CryptoSuite suite) throws Exception {
    List<Signed> signed = signedMessages(suite);
    // A signature over one message checked against another: must be false in every thread.
    Signed first = signed.get(0);
    Signed forged = new Signed(first.key(), signed.get(1).message(), first.signature());

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<int[]>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        Callable<int[]> worker =
            () -> {
              start.await();
              int valid = 0;
              int forgedAccepted = 0;
              for (int round = 0; round < ROUNDS; round++) {
                // Each thread walks the list from its own offset so threads hit the same key at
                // different moments and also at the same moment.
                for (int i = 0; i < signed.size(); i++) {
                  Signed s = signed.get((i + offset * 7) % signed.size());
                  if (suite.verify(s.key(), s.message(), s.signature())) {
                    valid++;
                  }
                }
                if (suite.verify(forged.key(), forged.message(), forged.signature())) {
                  forgedAccepted++;
                }
              }
              return new int[] {valid, forgedAccepted};
            };
        results.add(pool.submit(worker));
      }
      start.countDown();
      for (Future<int[]> result : results) {
        int[] counts = result.get(2, TimeUnit.MINUTES);
        assertThat(counts[0]).as("valid signatures verified").isEqualTo(ROUNDS * signed.size());
        assertThat(counts[1]).as("forged signatures accepted").isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private record Signed(EcPublicKey key, byte[] message, byte[] signature) {}

  private static List<Signed> signedMessages(CryptoSuite suite) {
    List<Signed> out = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      EcKeyPair keys = suite.generateKeyPair();
      for (int m = 0; m < MESSAGES_PER_KEY; m++) {
        byte[] message = ("tx " + k + "/" + m).getBytes(StandardCharsets.US_ASCII);
        out.add(new Signed(keys.publicKey(), message, suite.sign(keys.privateKey(), message)));
      }
    }
    return out;
  }
}
