package org.chancery.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.chancery.cli.CliRun;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;
import org.chancery.node.config.NodeConfigCodec;
import org.chancery.sdk.BlockInfo;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.Identity;
import org.chancery.sdk.TransactionBuilder;
import org.chancery.sdk.TransactionResult;
import org.chancery.sdk.TransactionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Four validators as separate JVM processes on loopback, talking gRPC over mutual TLS, under a
 * steady transaction load, through the faults a production network meets: a validator killed with
 * SIGKILL and restarted, two killed at once, one paused with SIGSTOP past several round timeouts,
 * one whose data directory is deleted. After each, the nodes hold the same blocks, and no
 * transaction acknowledged as committed is ever lost.
 */
class BftProcessFaultTest {
  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  private RunnableNetwork net;
  private Load load;

  @AfterEach
  void cleanUp() throws Exception {
    if (load != null) {
      load.close();
    }
    if (net != null) {
      CliRun.of("network", "down", "--dir", net.dir.toString());
      net.killLeftovers();
    }
  }

  @Test
  void fourValidatorProcessesSurviveCrashesPausesAndDataLoss() throws Exception {
    // Under target/ rather than a temporary directory, so the nodes' logs outlive a failure.
    Path where = Path.of("target", "bft-fault-test").toAbsolutePath();
    deleteTree(where);
    Files.createDirectories(where);
    net = RunnableNetwork.initBft(where.resolve("net"), 4);
    up();
    List<ChanceryClient> clients = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      clients.add(ChanceryClient.connect(net.api(i)));
    }
    Identity client = Identity.load(net.dir.resolve("orgs/org1/users/client"));
    TransactionBuilder builder = clients.get(0).newTransaction(client);
    load = new Load(builder, clients);

    // Healthy: every validator commits the same blocks, each with a 3-of-4 certificate.
    awaitHeight(clients.get(0), 3);
    assertSameChain(clients);
    BlockInfo first = clients.get(0).block(1);
    assertThat(first.certificate().orElseThrow().signatures()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(get(clients.get(0), "/metrics"))
        .contains("chancery_peer_connected{peer=\"node2\"} 1")
        .contains("chancery_peer_connected{peer=\"node4\"} 1")
        .containsPattern("chancery_peer_messages_received\\{peer=\"node3\"\\} [1-9]");

    // kill -9 one validator: the chain keeps committing.
    kill(4);
    load.down(4);
    long h = height(clients.get(0));
    awaitHeight(clients.get(0), h + 3);

    // Restarted, it catches up by sync and votes again.
    up();
    load.up(4);
    awaitHeight(clients.get(3), height(clients.get(0)));
    awaitSignature(clients.get(0), "node4");

    // Two of four down: commits stop, nothing forks; restarted, the chain resumes.
    kill(3);
    kill(4);
    load.down(3);
    load.down(4);
    long stalled = settle(clients.get(0));
    Thread.sleep(4_000); // several round timeouts of 0.5-1 s
    assertThat(height(clients.get(0))).isEqualTo(stalled);
    assertThat(height(clients.get(1))).isEqualTo(stalled);
    up();
    load.up(3);
    load.up(4);
    awaitHeight(clients.get(0), stalled + 2);

    // A validator paused past several round timeouts: the other three go on; resumed, it rejoins.
    long paused = pid(2);
    signal("STOP", paused);
    load.down(2);
    try {
      long before = height(clients.get(0));
      awaitHeight(clients.get(0), before + 3);
      Thread.sleep(3_000);
    } finally {
      signal("CONT", paused);
    }
    load.up(2);
    awaitHeight(clients.get(1), height(clients.get(0)));

    // A node whose data directory is deleted syncs the whole chain from its peers.
    kill(4);
    load.down(4);
    Path data = NodeConfigCodec.read(net.config(4)).dataDir();
    deleteTree(data);
    long target = height(clients.get(0));
    up();
    load.up(4);
    awaitHeight(clients.get(3), target);
    // Its consensus WAL went with the directory: it must not vote where its lost votes might be.
    assertThat(Files.readString(net.log(4))).contains("consensus WAL was missing");

    List<Bytes> acknowledged = load.stop();
    assertThat(acknowledged).hasSizeGreaterThan(20);
    assertSameChain(clients);
    for (ChanceryClient c : clients) {
      for (Bytes id : acknowledged) {
        TransactionResult r = c.transaction(id, false);
        assertThat(r.status())
            .as("tx %s on %s", id.hex(), c.node())
            .isEqualTo(TransactionStatus.COMMITTED);
      }
      assertThat(evidenceCount(c)).as("equivocations seen by %s", c.node()).isZero();
    }
  }

  private void up() {
    CliRun run = CliRun.of("network", "up", "--dir", net.dir.toString(), "--timeout", "90");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
  }

  private long pid(int node) throws IOException {
    return net.recordedPid(node).orElseThrow();
  }

  private void kill(int node) throws Exception {
    ProcessHandle p = ProcessHandle.of(pid(node)).orElseThrow();
    p.destroyForcibly();
    p.onExit().get(20, TimeUnit.SECONDS);
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor()).isZero();
  }

  private static long height(ChanceryClient c) {
    try {
      return c.status().height();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static void awaitHeight(ChanceryClient c, long height) throws InterruptedException {
    awaitCondition(() -> height(c), height, c.node().toString());
  }

  private static void awaitCondition(LongSupplier value, long atLeast, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (value.getAsLong() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(value.getAsLong()).as("height of %s", what).isGreaterThanOrEqualTo(atLeast);
  }

  /** Waits until the height stops moving (in-flight commits land) and returns it. */
  private static long settle(ChanceryClient c) throws InterruptedException {
    long last = height(c);
    while (true) {
      Thread.sleep(1_500);
      long now = height(c);
      if (now == last) {
        return now;
      }
      last = now;
    }
  }

  private static void awaitSignature(ChanceryClient c, String validator)
      throws InterruptedException {
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    long from = height(c);
    while (System.nanoTime() < deadline) {
      long top = height(c);
      for (long h = from; h <= top; h++) {
        if (c.block(h).certificate().orElseThrow().signatures().stream()
            .anyMatch(s -> s.validator().equals(validator))) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(validator + " signed no certificate since height " + from);
  }

  private static void assertSameChain(List<ChanceryClient> clients) {
    long top = clients.stream().mapToLong(BftProcessFaultTest::height).min().orElseThrow();
    for (long h = 1; h <= top; h++) {
      BlockInfo reference = clients.get(0).block(h);
      for (ChanceryClient c : clients) {
        BlockInfo b = c.block(h);
        assertThat(b.hash()).as("block %d on %s", h, c.node()).isEqualTo(reference.hash());
        assertThat(b.header().stateRoot()).isEqualTo(reference.header().stateRoot());
      }
    }
  }

  private static long evidenceCount(ChanceryClient c) throws Exception {
    String body = get(c, "/v1/consensus/evidence");
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("count").asLong();
  }

  private static String get(ChanceryClient c, String path) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    return http.send(
            java.net.http.HttpRequest.newBuilder(c.node().resolve(path)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * A steady load: every 50 ms a transaction to the next live node, waiting for its commit; the ids
   * of those acknowledged as committed are kept.
   */
  private static final class Load implements AutoCloseable {
    private final TransactionBuilder builder;
    private final List<ChanceryClient> clients;
    private final Set<Integer> live = ConcurrentHashMap.newKeySet();
    private final Set<Bytes> acknowledged = ConcurrentHashMap.newKeySet();
    private final ExecutorService waiters = Executors.newFixedThreadPool(8);
    private final Thread sender;
    private volatile boolean running = true;

    Load(TransactionBuilder builder, List<ChanceryClient> clients) {
      this.builder = builder;
      this.clients = clients;
      for (int i = 1; i <= clients.size(); i++) {
        live.add(i);
      }
      this.sender = new Thread(this::run, "load");
      this.sender.setDaemon(true);
      this.sender.start();
    }

    void down(int node) {
      live.remove(node);
    }

    void up(int node) {
      live.add(node);
    }

    private void run() {
      int n = 0;
      while (running) {
        List<Integer> targets = live.stream().sorted().toList();
        if (!targets.isEmpty()) {
          ChanceryClient c = clients.get(targets.get(n++ % targets.size()) - 1);
          Transaction tx =
              builder.build("kv", "put", "{\"key\":\"load-" + n + "\",\"value\":" + n + "}");
          try {
            waiters.execute(
                () -> {
                  try {
                    TransactionResult r = c.submitAndWait(tx, Duration.ofSeconds(20));
                    if (r.status() == TransactionStatus.COMMITTED) {
                      acknowledged.add(r.txId());
                    }
                  } catch (RuntimeException e) {
                    // A node being killed or paused: not acknowledged, so nothing to check.
                  }
                });
          } catch (java.util.concurrent.RejectedExecutionException e) {
            return;
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    List<Bytes> stop() throws InterruptedException {
      running = false;
      sender.join();
      waiters.shutdown();
      waiters.awaitTermination(30, TimeUnit.SECONDS);
      return List.copyOf(acknowledged);
    }

    @Override
    public void close() {
      running = false;
      waiters.shutdownNow();
    }
  }
}
