package org.chancery.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.chancery.cli.ChanceryCli;
import org.chancery.core.Bytes;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.ledger.store.Column;
import org.chancery.ledger.store.Keys;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.node.ChanceryNode;
import org.chancery.node.config.NodeConfigCodec;
import org.chancery.node.network.NetworkDescription;
import org.chancery.node.network.NetworkInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeVerifyCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run chancery(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ChanceryCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void verifiesAStoppedNodeAndFindsTampering() throws Exception {
    int api;
    try (ServerSocket s = new ServerSocket(0)) {
      api = s.getLocalPort();
    }
    int p2p;
    try (ServerSocket s = new ServerSocket(0)) {
      p2p = s.getLocalPort();
    }
    new NetworkInitializer(Clock.systemUTC())
        .initialize(
            NetworkDescription.singleNode(
                "verify-test",
                "sm",
                ConsensusParameters.defaults(ConsensusType.SOLO).withBlocks(10, 2000),
                p2p,
                api),
            null,
            dir,
            false,
            null);
    Path config = dir.resolve("orgs/org1/nodes/node1/node.yaml");
    Path user = dir.resolve("orgs/org1/users/client");
    CryptoSuite sm = CryptoSuite.byName("sm");
    byte[] cert =
        PemCodec.decodeCertificate(Files.readString(user.resolve("cert.pem"))).getEncoded();
    var key = PemCodec.decodePrivateKey(Files.readString(user.resolve("key.pem")), null);
    try (ChanceryNode node = ChanceryNode.start(NodeConfigCodec.read(config), Clock.systemUTC())) {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 3; i++) {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        Transaction tx =
            Transaction.sign(
                new TxBody(
                    "verify-test",
                    Bytes.of(nonce),
                    Instant.ofEpochMilli(System.currentTimeMillis()),
                    "org1",
                    Bytes.of(cert),
                    "kv",
                    "put",
                    "{\"key\":\"k" + i + "\",\"value\":" + i + "}"),
                key,
                sm);
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + node.apiPort() + "/v1/transactions?wait=commit"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tx.encoded()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      Run whileRunning = chancery("node", "verify", "--config", config.toString());
      assertThat(whileRunning.exit()).isEqualTo(1);
      assertThat(whileRunning.err()).contains("another node");
    }

    Run ok = chancery("node", "verify", "--config", config.toString(), "--json");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("\"verified\" : true");

    try (LedgerDatabase db = LedgerDatabase.open(dir.resolve("orgs/org1/nodes/node1/data"));
        LedgerDatabase.Batch batch = db.newBatch()) {
      batch.delete(Column.RECEIPTS, Keys.heightAndIndex(1, 0));
      db.commit(batch);
    }
    Run bad = chancery("node", "verify", "--config", config.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("block 1").contains("receipt");
  }
}
