package org.chancery.cli.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chancery.cli.CliRun;
import org.chancery.cli.LocalChain;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.sdk.testing.StubNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxSubmitCommandTest {
  @TempDir static Path shared;
  private static LocalChain chain;

  @TempDir Path tmp;
  private StubNode node;

  @BeforeAll
  static void network() throws Exception {
    chain = LocalChain.init(shared.resolve("net"));
  }

  @AfterEach
  void stopStub() {
    if (node != null) {
      node.close();
    }
  }

  private StubNode stub() throws Exception {
    node = new StubNode().json("GET", "/v1/status", 200, chain.status().toString());
    return node;
  }

  private CliRun submit(String url, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "tx",
                "submit",
                "--node",
                url,
                "--identity",
                chain.clientDir.toString(),
                "--contract",
                "kv",
                "--method",
                "put"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void nodeIsRequired() {
    CliRun run = CliRun.of("tx", "submit", "--identity", "x", "--contract", "kv", "--method", "m");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--node=URL'");
  }

  @Test
  void aNodeUrlWithoutSchemeIsAUsageError() {
    CliRun run = submit("127.0.0.1:7200", "--args", "{}");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--node: node URL '127.0.0.1:7200'");
  }

  @Test
  void argsThatAreNotJsonAreAUsageError() {
    CliRun run = submit("http://127.0.0.1:7200", "--args", "{key: 1}");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--args: args is not valid JSON").contains("line 1");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingIdentityDirectoryIsAUsageError() {
    CliRun run =
        CliRun.of(
            "tx",
            "submit",
            "--node",
            "http://127.0.0.1:7200",
            "--identity",
            tmp.resolve("nobody").toString(),
            "--contract",
            "kv",
            "--method",
            "put");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--identity: identity directory").contains("does not exist");
  }

  @Test
  void anEncryptedKeyNeedsItsPassphraseFile() throws Exception {
    Path dir = encryptedCopyOfClient("s3cret");

    CliRun run =
        CliRun.of(
            "tx",
            "submit",
            "--node",
            "http://127.0.0.1:7200",
            "--identity",
            dir.toString(),
            "--contract",
            "kv",
            "--method",
            "put");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("is encrypted").contains("--passphrase-file");
  }

  @Test
  void aWrongPassphraseFails() throws Exception {
    Path dir = encryptedCopyOfClient("s3cret");
    Path pass = Files.writeString(tmp.resolve("pass"), "guess\n");

    CliRun run =
        CliRun.of(
            "tx",
            "submit",
            "--node",
            "http://127.0.0.1:7200",
            "--identity",
            dir.toString(),
            "--passphrase-file",
            pass.toString(),
            "--contract",
            "kv",
            "--method",
            "put");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the passphrase does not open this key");
  }

  @Test
  void aMissingPassphraseFileIsAUsageError() {
    CliRun run =
        submit("http://127.0.0.1:7200", "--passphrase-file", tmp.resolve("none").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--passphrase-file: no such file");
  }

  @Test
  void aTimeoutThatIsNotADurationIsAUsageError() {
    CliRun run = submit("http://127.0.0.1:7200", "--wait", "--timeout", "soon");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("Invalid value for option '--timeout'")
        .contains("write it like 500ms, 30s or 2m");
  }

  @Test
  void anUnreachableNodeFailsWithItsUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    CliRun run = submit("http://127.0.0.1:" + port, "--args", "{\"key\":\"a\",\"value\":1}");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("error: cannot connect to node http://127.0.0.1:" + port);
  }

  @Test
  void submitsTheSignedTransactionAndPrintsItsId() throws Exception {
    StubNode stub = stub();
    stub.json(
        "POST",
        "/v1/transactions",
        202,
        "{\"txId\":\"" + "aa".repeat(32) + "\",\"status\":\"pending\"}");

    CliRun run = submit(stub.url(), "--args", "{\"key\":\"a\",\"value\":1}");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Transaction " + "aa".repeat(32)).contains("pending");
    Transaction sent = Transaction.decode(stub.last().body(), chain.suite);
    assertThat(sent.body().chainId()).isEqualTo(chain.genesis.chainId());
    assertThat(sent.body().contract()).isEqualTo("kv");
    assertThat(sent.body().args()).isEqualTo("{\"key\":\"a\",\"value\":1}");
    assertThat(sent.signatureValid(chain.suite, chain.client.publicKey())).isTrue();
    assertThat(stub.last().rawQuery()).isNull();
  }

  @Test
  void waitPrintsTheReceipt() throws Exception {
    Transaction tx = chain.transaction("{}");
    StubNode stub = stub();
    stub.json(
        "POST",
        "/v1/transactions",
        200,
        chain.committed(tx, chain.block(tx, 3, true), false).toString());

    CliRun run = submit(stub.url(), "--wait", "--timeout", "5s");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(stub.last().rawQuery()).isEqualTo("wait=commit&timeout=5000ms");
    assertThat(run.out())
        .contains("committed")
        .contains("block         3, index 0")
        .contains("receipt       SUCCESS")
        .contains("event         put {\"key\":\"a\",\"version\":1}");
  }

  @Test
  void waitWithJsonPrintsOneDocument() throws Exception {
    Transaction tx = chain.transaction("{}");
    StubNode stub = stub();
    stub.json(
        "POST",
        "/v1/transactions",
        200,
        chain.committed(tx, chain.block(tx, 3, true), false).toString());

    CliRun run = submit(stub.url(), "--wait", "--json");

    assertThat(run.exit()).isZero();
    assertThat(run.json().path("status").asText()).isEqualTo("committed");
    assertThat(run.json().path("height").asLong()).isEqualTo(3);
    assertThat(run.json().at("/receipt/status").asText()).isEqualTo("SUCCESS");
  }

  @Test
  void aFailedTransactionExitsWith1AndSaysWhy() throws Exception {
    Transaction tx = chain.transaction("{}");
    StubNode stub = stub();
    stub.json(
        "POST",
        "/v1/transactions",
        200,
        chain.committed(tx, chain.block(tx, 3, false), false).toString());

    CliRun run = submit(stub.url(), "--wait");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("failed").contains("receipt       FAILED");
    assertThat(run.err()).contains("error: transaction failed: unauthorised");
  }

  @Test
  void aWaitThatRunsOutExitsWith1() throws Exception {
    StubNode stub = stub();
    stub.json(
        "POST",
        "/v1/transactions",
        202,
        "{\"txId\":\"" + "bb".repeat(32) + "\",\"status\":\"pending\",\"detail\":\"not yet\"}");

    CliRun run = submit(stub.url(), "--wait", "--timeout", "100ms");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("not committed within 100 ms");
  }

  @Test
  void aRejectionPrintsTheProblemOnStderrAndAsJson() throws Exception {
    StubNode stub = stub();
    stub.problem("POST", "/v1/transactions", 409, "replayed", "already committed");

    CliRun human = submit(stub.url());
    CliRun json = submit(stub.url(), "--json");

    assertThat(human.exit()).isEqualTo(1);
    assertThat(human.err()).contains("error: replayed (HTTP 409): already committed");
    assertThat(human.out()).isEmpty();
    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.json().at("/error/code").asText()).isEqualTo("replayed");
    assertThat(json.json().at("/error/status").asInt()).isEqualTo(409);
    assertThat(json.json().at("/error/type").asText()).isEqualTo("urn:chancery:error:replayed");
  }

  private Path encryptedCopyOfClient(String passphrase) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("encrypted"));
    Files.copy(chain.clientDir.resolve("cert.pem"), dir.resolve("cert.pem"));
    Files.writeString(
        dir.resolve("key.pem"),
        PemCodec.encodePrivateKey(chain.client.privateKey(), passphrase.toCharArray()));
    return dir;
  }
}
