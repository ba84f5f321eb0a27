package org.chancery.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;

/**
 * End-to-end load against a running node: measures the machine's own limit first (SM2 or ECDSA
 * verifications per second on all cores, in this process), then submits pre-signed small {@code kv}
 * writes with {@code wait=commit} from many concurrent requests and reports committed transactions
 * per second, their ratio to the verification limit, and commit latency percentiles.
 *
 * <p>Two phases: throughput (open loop: {@code --connections} senders submit {@code --transactions}
 * without waiting, the clock stops when all are committed) and latency (closed loop: {@code
 * --concurrency} requests in flight with {@code wait=commit}).
 *
 * <pre>
 * java -cp chancery-bench/target/chancery-benchmarks.jar org.chancery.bench.load.LoadGenerator \
 *     --node http://127.0.0.1:7200 --identity /tmp/net/orgs/org1/users/client \
 *     --transactions 20000 --connections 32 --concurrency 64
 * </pre>
 *
 * Prints a human summary on stderr and one JSON document on stdout.
 */
public final class LoadGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    URI node = URI.create(require(opts, "node"));
    Path identity = Path.of(require(opts, "identity"));
    int count = Integer.parseInt(opts.getOrDefault("transactions", "20000"));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "32"));
    int latencyCount =
        Integer.parseInt(
            opts.getOrDefault("latency-transactions", Integer.toString(Math.max(100, count / 4))));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "64"));
    int baselineSeconds = Integer.parseInt(opts.getOrDefault("baseline-seconds", "5"));

    HttpClient http =
        HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    JsonNode status = getJson(http, node.resolve("/v1/status"));
    String chainId = status.path("chainId").asText();
    CryptoSuite suite = CryptoSuite.byName(status.path("suite").asText());
    byte[] cert =
        PemCodec.decodeCertificate(Files.readString(identity.resolve("cert.pem"))).getEncoded();
    EcPrivateKey key =
        PemCodec.decodePrivateKey(Files.readString(identity.resolve("key.pem")), null);
    String org = opts.getOrDefault("org", status.path("organisation").asText());

    int cores = Runtime.getRuntime().availableProcessors();
    double verifyPerSecond = verifyRate(suite, cores, Duration.ofSeconds(baselineSeconds));
    System.err.printf(
        "baseline: %s verify %.0f/s on %d cores%n", suite.name(), verifyPerSecond, cores);
    System.err.printf("signing %d + %d transactions...%n", count, latencyCount);
    List<byte[]> txs = sign(suite, chainId, org, cert, key, count + latencyCount, cores);

    Throughput t = throughput(http, node, txs.subList(0, count), connections);
    double tps = t.committed / t.seconds;
    System.err.printf(
        "throughput: %d committed in %.2f s = %.0f tx/s = %.3f x %s verify/s (%.0f), %d blocks,"
            + " %d rejected%n",
        t.committed,
        t.seconds,
        tps,
        tps / verifyPerSecond,
        suite.name(),
        verifyPerSecond,
        t.blocks,
        t.rejected);

    long[] latencies = latency(http, node, txs.subList(count, count + latencyCount), concurrency);
    long[] ok = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
    System.err.printf(
        "latency (%d in flight, wait=commit): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms over %d%n",
        concurrency, percentile(ok, 0.5), percentile(ok, 0.95), percentile(ok, 0.99), ok.length);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("suite", suite.name());
    result.put("cores", cores);
    result.put("verifyPerSecond", Math.round(verifyPerSecond));
    result.put("transactions", count);
    result.put("committed", t.committed);
    result.put("rejected", t.rejected);
    result.put("seconds", Math.round(t.seconds * 100) / 100.0);
    result.put("blocks", t.blocks);
    result.put("committedPerSecond", Math.round(tps));
    result.put("ratioToVerify", Math.round(tps / verifyPerSecond * 1000) / 1000.0);
    result.put("latencyConcurrency", concurrency);
    result.put("latencyMsP50", percentile(ok, 0.50));
    result.put("latencyMsP95", percentile(ok, 0.95));
    result.put("latencyMsP99", percentile(ok, 0.99));
    System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    if (t.rejected > 0 || ok.length < latencyCount) {
      System.exit(1);
    }
  }

  private record Throughput(long committed, long rejected, double seconds, long blocks) {}

  /**
   * Open loop: {@code connections} senders post every transaction without waiting for its commit
   * (backing off while the mempool is full), and the clock stops when the node has committed them
   * all.
   */
  private static Throughput throughput(HttpClient http, URI node, List<byte[]> txs, int connections)
      throws Exception {
    long committedBefore = committedTotal(http, node);
    long heightBefore = getJson(http, node.resolve("/v1/status")).path("height").asLong();
    AtomicInteger next = new AtomicInteger();
    AtomicLong rejected = new AtomicLong();
    URI submit = node.resolve("/v1/transactions");
    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < connections; c++) {
        senders.submit(
            () -> {
              int i;
              while ((i = next.getAndIncrement()) < txs.size()) {
                while (true) {
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(submit)
                              .header("Content-Type", "application/x-protobuf")
                              .timeout(Duration.ofSeconds(30))
                              .POST(HttpRequest.BodyPublishers.ofByteArray(txs.get(i)))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  if (r.statusCode() == 503) {
                    Thread.sleep(5);
                    continue;
                  }
                  if (r.statusCode() != 202) {
                    if (rejected.incrementAndGet() <= 5) {
                      System.err.println("rejected: " + r.statusCode() + " " + r.body());
                    }
                  }
                  break;
                }
              }
              return null;
            });
      }
    }
    long target = committedBefore + txs.size() - rejected.get();
    long committed;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while ((committed = committedTotal(http, node)) < target && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long blocks = getJson(http, node.resolve("/v1/status")).path("height").asLong() - heightBefore;
    return new Throughput(committed - committedBefore, rejected.get(), seconds, blocks);
  }

  /** Closed loop: {@code concurrency} requests in flight, each waiting for its commit. */
  private static long[] latency(HttpClient http, URI node, List<byte[]> txs, int concurrency)
      throws Exception {
    long[] latencies = new long[txs.size()];
    AtomicInteger next = new AtomicInteger();
    URI submit = node.resolve("/v1/transactions?wait=commit&timeout=60s");
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < concurrency; c++) {
        senders.submit(
            () -> {
              int i;
              while ((i = next.getAndIncrement()) < txs.size()) {
                long sent = System.nanoTime();
                HttpResponse<String> r =
                    http.send(
                        HttpRequest.newBuilder(submit)
                            .header("Content-Type", "application/x-protobuf")
                            .timeout(Duration.ofSeconds(90))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(txs.get(i)))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"status\":\"committed\"")) {
                  latencies[i] = System.nanoTime() - sent;
                } else {
                  System.err.println("not committed: " + r.statusCode() + " " + r.body());
                }
              }
              return null;
            });
      }
    }
    return latencies;
  }

  private static long committedTotal(HttpClient http, URI node) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(node.resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    for (String line : r.body().split("\n")) {
      if (line.startsWith("chancery_transactions_committed_total ")) {
        return Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    return 0;
  }

  /** Verifications per second on {@code threads} threads sharing one key, like a busy node. */
  static double verifyRate(CryptoSuite suite, int threads, Duration duration)
      throws InterruptedException {
    EcKeyPair keys = suite.generateKeyPair();
    byte[] message = new byte[300];
    new SecureRandom().nextBytes(message);
    byte[] signature = suite.sign(keys.privateKey(), message);
    for (int i = 0; i < 2000; i++) {
      suite.verify(keys.publicKey(), message, signature);
    }
    AtomicLong total = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                      if (!suite.verify(keys.publicKey(), message, signature)) {
                        throw new IllegalStateException("baseline signature failed to verify");
                      }
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

  private static List<byte[]> sign(
      CryptoSuite suite,
      String chainId,
      String org,
      byte[] cert,
      EcPrivateKey key,
      int count,
      int threads)
      throws InterruptedException {
    byte[][] out = new byte[count][];
    SecureRandom random = new SecureRandom();
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    List<Thread> workers = new ArrayList<>();
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                      byte[] nonce = new byte[TxBody.NONCE_LENGTH];
                      synchronized (random) {
                        random.nextBytes(nonce);
                      }
                      TxBody body =
                          new TxBody(
                              chainId,
                              Bytes.of(nonce),
                              now,
                              org,
                              Bytes.of(cert),
                              "kv",
                              "put",
                              "{\"key\":\"load/"
                                  + (i % 10_000)
                                  + "\",\"value\":{\"n\":"
                                  + i
                                  + "}}");
                      out[i] = Transaction.sign(body, key, suite).encoded();
                    }
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    return Arrays.asList(out);
  }

  private static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
    return Math.round(sortedNanos[Math.max(0, i)] / 1e5) / 10.0;
  }

  private static JsonNode getJson(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: --node URL --identity DIR [--transactions N]"
                + " [--concurrency N] [--baseline-seconds S]");
      }
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }

  private static String require(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }
}
