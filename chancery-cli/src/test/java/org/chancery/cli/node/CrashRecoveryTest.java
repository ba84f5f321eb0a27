package org.chancery.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chancery.core.Bytes;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.ledger.chain.BlockStore;
import org.chancery.ledger.chain.ChainVerifier;
import org.chancery.ledger.state.SparseMerkleState;
import org.chancery.ledger.state.StateKey;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.node.network.NetworkDescription;
import org.chancery.node.network.NetworkInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real node process with SIGKILL while clients are committing transactions, restarts it,
 * and checks that every transaction acknowledged as committed is still there and the whole chain
 * and state verify. Repeated several times with a seeded schedule.
 */
class CrashRecoveryTest {
  private static final int ROUNDS = 4;
  private static final int CLIENTS = 4;
  private static final SecureRandom NONCES = new SecureRandom();

  @TempDir Path dir;

  @Test
  void everyAcknowledgedTransactionSurvivesSigkill() throws Exception {
    int apiPort = freePort();
    NetworkDescription description = network(apiPort);
    new NetworkInitializer(Clock.systemUTC()).initialize(description, null, dir, false, null);
    Path config = dir.resolve("orgs/org1/nodes/node1/node.yaml");
    Genesis genesis =
        GenesisCodec.decode("genesis.json", Files.readAllBytes(dir.resolve("genesis.json")));
    CryptoSuite suite = CryptoSuite.byName(genesis.suite());
    Path user = dir.resolve("orgs/org1/users/client");
    byte[] cert =
        PemCodec.decodeCertificate(Files.readString(user.resolve("cert.pem"))).getEncoded();
    EcPrivateKey key = PemCodec.decodePrivateKey(Files.readString(user.resolve("key.pem")), null);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String base = "http://127.0.0.1:" + apiPort;

    Map<Bytes, String> acknowledged = new ConcurrentHashMap<>();
    Map<String, String> latestValue = new ConcurrentHashMap<>();
    Random schedule = new Random(20261123L);
    for (int round = 0; round < ROUNDS; round++) {
      Process node = startNode(config, dir.resolve("node-" + round + ".log"));
      awaitHealthy(http, base, node);
      AtomicBoolean load = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        String keyName = "r" + round + "-c" + c;
        clients.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      int n = 0;
                      while (load.get()) {
                        String value = Integer.toString(n++);
                        Transaction tx = tx(genesis, suite, cert, key, keyName, value);
                        try {
                          HttpResponse<String> r =
                              http.send(
                                  HttpRequest.newBuilder(
                                          URI.create(base + "/v1/transactions?wait=commit"))
                                      .header("Content-Type", "application/x-protobuf")
                                      .timeout(Duration.ofSeconds(10))
                                      .POST(HttpRequest.BodyPublishers.ofByteArray(tx.encoded()))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofString());
                          if (r.statusCode() == 200
                              && r.body().contains("\"status\":\"committed\"")) {
                            acknowledged.put(tx.txId(), keyName);
                            latestValue.put(keyName, value);
                          }
                        } catch (IOException e) {
                          return; // the node was killed
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          return;
                        }
                      }
                    }));
      }
      Thread.sleep(400 + schedule.nextInt(1200));
      node.destroyForcibly().waitFor();
      load.set(false);
      for (Thread t : clients) {
        t.join(15_000);
      }
    }
    assertThat(acknowledged)
        .as("transactions acknowledged before the kills")
        .hasSizeGreaterThan(ROUNDS * 5);

    Process node = startNode(config, dir.resolve("node-final.log"));
    try {
      awaitHealthy(http, base, node);
      for (Bytes txId : acknowledged.keySet()) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/transactions/" + txId.hex())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("acknowledged %s", txId).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"committed\"");
      }
    } finally {
      node.destroyForcibly().waitFor();
    }

    try (LedgerDatabase db = LedgerDatabase.open(dir.resolve("orgs/org1/nodes/node1/data"))) {
      BlockStore store = new BlockStore(db, suite);
      Bytes genesisHash =
          Bytes.fromHex(
              GenesisCodec.hash(genesis.suite(), Files.readAllBytes(dir.resolve("genesis.json"))));
      long verified =
          new ChainVerifier(suite, genesis.chainId(), genesis.validatorSet())
              .verify(store, genesisHash);
      assertThat(verified).isEqualTo(store.height()).isPositive();
      SparseMerkleState state = new SparseMerkleState(db, suite, 10);
      assertThat(state.version()).isEqualTo(store.height());
      assertThat(state.root()).isEqualTo(store.header(store.height()).orElseThrow().stateRoot());
      for (Map.Entry<String, String> e : latestValue.entrySet()) {
        // The latest acknowledged value, or a later one whose acknowledgement the kill cut off.
        String stored = new String(state.get(new StateKey("kv", e.getKey())).orElseThrow());
        int version = Integer.parseInt(stored.replaceAll(".*\"value\":\"?(\\d+)\"?.*", "$1"));
        assertThat(version).isGreaterThanOrEqualTo(Integer.parseInt(e.getValue()));
      }
    }
  }

  private static Transaction tx(
      Genesis genesis,
      CryptoSuite suite,
      byte[] cert,
      EcPrivateKey key,
      String keyName,
      String value) {
    byte[] nonce = new byte[TxBody.NONCE_LENGTH];
    NONCES.nextBytes(nonce);
    TxBody body =
        new TxBody(
            genesis.chainId(),
            Bytes.of(nonce),
            Instant.ofEpochMilli(System.currentTimeMillis()),
            "org1",
            Bytes.of(cert),
            "kv",
            "put",
            "{\"key\":\"" + keyName + "\",\"value\":" + value + "}");
    return Transaction.sign(body, key, suite);
  }

  private static Process startNode(Path config, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "org.chancery.cli.ChanceryCli",
            "node",
            "start",
            "--config",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void awaitHealthy(HttpClient http, String base, Process node) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!node.isAlive()) {
        throw new AssertionError("node exited with " + node.exitValue());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("node did not become healthy within 60 s");
  }

  private static NetworkDescription network(int apiPort) throws IOException {
    return NetworkDescription.singleNode(
        "crash-test",
        "sm",
        ConsensusParameters.defaults(ConsensusType.SOLO).withBlocks(10, 2000),
        freePort(),
        apiPort);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
