package org.chancery.cli.bench;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.sdk.Identity;

/**
 * The transactions of a benchmark, signed before it starts so that signing does not compete with
 * the node for the CPU during the measurement: small {@code kv.put} writes over {@value #KEYS}
 * keys, each with a fresh nonce.
 *
 * <pre>{@code
 * SignedLoad load = SignedLoad.sign("chancery-local", suite, identity, 10_000, 2);
 * byte[] first = load.encoded(0);
 * }</pre>
 */
final class SignedLoad {
  /** Distinct keys written: enough for a state tree of realistic depth, few enough to revisit. */
  static final int KEYS = 10_000;

  private final byte[][] encoded;
  private final String[] txIds;

  private SignedLoad(byte[][] encoded, String[] txIds) {
    this.encoded = encoded;
    this.txIds = txIds;
  }

  /**
   * Signs {@code count} transactions on {@code threads} threads, all timestamped now: the run must
   * finish within the chain's validity window (default 600 s) for the last of them to be accepted.
   */
  static SignedLoad sign(
      String chainId, CryptoSuite suite, Identity identity, int count, int threads)
      throws InterruptedException {
    byte[][] encoded = new byte[count][];
    String[] ids = new String[count];
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .name("bench-signer-" + t)
              .start(
                  () -> {
                    SecureRandom random = new SecureRandom();
                    byte[] nonce = new byte[TxBody.NONCE_LENGTH];
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                      random.nextBytes(nonce);
                      TxBody body =
                          new TxBody(
                              chainId,
                              Bytes.of(nonce),
                              now,
                              identity.organisation(),
                              identity.certificateDer(),
                              "kv",
                              "put",
                              "{\"key\":\"bench/" + (i % KEYS) + "\",\"value\":" + i + "}");
                      Transaction tx = Transaction.sign(body, identity.privateKey(), suite);
                      encoded[i] = tx.encoded();
                      ids[i] = tx.txId().hex();
                    }
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    return new SignedLoad(encoded, ids);
  }

  int size() {
    return encoded.length;
  }

  /** The encoded transaction {@code k}, as sent (not copied: callers only read it). */
  byte[] encoded(int k) {
    return encoded[k];
  }

  /** The id of transaction {@code k}, in lowercase hex as the API writes it. */
  String txId(int k) {
    return txIds[k];
  }
}
