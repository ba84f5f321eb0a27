package org.chancery.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.chancery.core.Bytes;
import org.chancery.core.config.ConfigException;
import org.chancery.core.tx.Transaction;
import org.chancery.ledger.state.StateKey;
import org.chancery.ledger.store.StorageException;
import org.chancery.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRestartTest {

  private static void awaitHeight(ChanceryNode node, long height) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (node.ledger().height() < height && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(node.ledger().height()).isGreaterThanOrEqualTo(height);
  }

  @Test
  void aStoppedNodeRestartsWithItsChainAndState(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir);
    TestNetwork.Signer client = net.client();
    Transaction first = client.put("restart", "1");
    Bytes root;
    long height;
    try (ChanceryNode node = net.start()) {
      node.ledger(); // started
      submit(node, first);
      awaitHeight(node, 1);
      height = node.ledger().height();
      root = node.ledger().state().root();
    }
    try (ChanceryNode node = net.start()) {
      assertThat(node.ledger().height()).isEqualTo(height);
      assertThat(node.ledger().state().root()).isEqualTo(root);
      assertThat(node.ledger().blocks().locate(first.txId())).isPresent();
      assertThat(node.ledger().state().get(new StateKey("kv", "restart"))).isPresent();
      submit(node, client.put("restart", "2"));
      awaitHeight(node, height + 1);
    }
  }

  @Test
  void aSwappedGenesisIsRefused(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir);
    Path genesis = dir.resolve("genesis.json");
    Files.writeString(genesis, Files.readString(genesis).replace("test-chain", "evil-chain"));
    assertThatThrownBy(net::start)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("genesis hash is");
  }

  @Test
  void aSecondNodeOnTheSameDataDirectoryIsRefused(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir);
    try (ChanceryNode node = net.start()) {
      assertThat(node.ledger().height()).isZero();
      assertThatThrownBy(() -> ChanceryNode.start(net.nodeConfig(), Clock.systemUTC()))
          .isInstanceOfAny(StorageException.class, java.net.BindException.class);
    }
  }

  @Test
  void anApiPortInUseIsNamedInTheError(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir);
    NodeConfig config = net.nodeConfig();
    try (ServerSocket taken =
        new ServerSocket(config.apiListen().port(), 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(taken.isBound()).isTrue();
      assertThatThrownBy(() -> ChanceryNode.start(config, Clock.systemUTC()))
          .isInstanceOf(BindException.class)
          .hasMessageContaining("cannot serve the API on 127.0.0.1:" + config.apiListen().port())
          .hasMessageContaining("change api.listen in node.yaml");
    }
    // The failed start released the data directory: a node starts on it once the port is free.
    try (ChanceryNode node = ChanceryNode.start(config, Clock.systemUTC())) {
      assertThat(node.apiPort()).isEqualTo(config.apiListen().port());
    }
  }

  private static void submit(ChanceryNode node, Transaction tx) throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:" + node.apiPort() + "/v1/transactions"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(tx.encoded()))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }
}
