package org.chancery.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Receipt;
import org.chancery.core.tx.Transaction;
import org.chancery.sdk.testing.StubNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChanceryClientTest {
  private static final TestChain CHAIN = TestChain.solo();
  private static final Identity ALICE = CHAIN.member("alice");

  private final StubNode node = newStub();
  private final ChanceryClient client = ChanceryClient.connect(node.url());

  private static StubNode newStub() {
    try {
      return new StubNode();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  private Transaction tx() {
    return CHAIN.builder(ALICE).build("kv", "put", "{\"key\":\"a\",\"value\":1}");
  }

  @Test
  void readsTheNodesStatus() {
    node.json("GET", "/v1/status", 200, ApiDocuments.status(CHAIN).toString());

    NodeStatus s = client.status();

    assertThat(s.chainId()).isEqualTo(TestChain.CHAIN_ID);
    assertThat(s.cryptoSuite()).isEqualTo(CHAIN.suite);
    assertThat(s.height()).isEqualTo(7);
    assertThat(s.latestBlockTime()).isEqualTo(Instant.parse("2025-03-01T08:00:00.123Z"));
    assertThat(s.latestBlockHash()).isEqualTo(Bytes.fromHex("cd".repeat(32)));
    assertThat(s.validator()).isTrue();
    assertThat(s.mempool()).isEqualTo(new NodeStatus.Mempool(2, 900, 10000));
  }

  @Test
  void newTransactionSignsForTheNodesChainAndAsksOnlyOnce() {
    node.json("GET", "/v1/status", 200, ApiDocuments.status(CHAIN).toString());

    Transaction first = client.newTransaction(ALICE).build("kv", "put", "{}");
    client.newTransaction(ALICE).build("kv", "put", "{}");

    assertThat(first.body().chainId()).isEqualTo(TestChain.CHAIN_ID);
    assertThat(first.signatureValid(CHAIN.suite, ALICE.publicKey())).isTrue();
    assertThat(node.requests).hasSize(1);
  }

  @Test
  void submitPostsTheEncodedTransactionAsProtobuf() {
    Transaction tx = tx();
    node.json(
        "POST",
        "/v1/transactions",
        202,
        "{\"txId\":\"" + tx.txId().hex() + "\",\"status\":\"pending\"}");

    TransactionResult result = client.submit(tx);

    assertThat(result).isEqualTo(new TransactionResult.Pending(tx.txId(), ""));
    assertThat(node.last().contentType()).isEqualTo("application/x-protobuf");
    assertThat(node.last().body()).isEqualTo(tx.encoded());
    assertThat(node.last().rawQuery()).isNull();
  }

  @Test
  void submitAndWaitAsksTheNodeToWaitAndReadsTheReceipt() {
    Transaction tx = tx();
    TestChain.TestBlock block = CHAIN.block(3, List.of(tx));
    node.json(
        "POST", "/v1/transactions", 200, ApiDocuments.included(tx, block, 0, true).toString());

    TransactionResult result = client.submitAndWait(tx, Duration.ofSeconds(5));

    assertThat(node.last().rawQuery()).isEqualTo("wait=commit&timeout=5000ms");
    assertThat(result).isInstanceOf(TransactionResult.Included.class);
    TransactionResult.Included in = (TransactionResult.Included) result;
    assertThat(in.status()).isEqualTo(TransactionStatus.COMMITTED);
    assertThat(in.height()).isEqualTo(3);
    assertThat(in.index()).isZero();
    assertThat(in.receipt().status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(in.receipt().events()).hasSize(1);
    assertThat(in.receipt().events().get(0).name()).isEqualTo("put");
    assertThat(in.receipt().result().orElseThrow().path("version").asInt()).isEqualTo(1);
    assertThat(in.transaction()).isEmpty();
    assertThat(in.proof()).isEmpty();
  }

  @Test
  void aFailedTransactionCarriesItsErrorInTheReceipt() {
    Transaction tx = tx();
    node.json(
        "POST",
        "/v1/transactions",
        200,
        ApiDocuments.included(tx, CHAIN.block(3, List.of(tx)), 0, false).toString());

    TransactionResult.Included in =
        (TransactionResult.Included) client.submitAndWait(tx, Duration.ofSeconds(1));

    assertThat(in.status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(in.receipt().errorCode()).isEqualTo("unauthorised");
    assertThat(in.receipt().result()).isEmpty();
  }

  @Test
  void aWaitThatRunsOutIsPendingWithTheNodesExplanation() {
    Transaction tx = tx();
    node.json(
        "POST",
        "/v1/transactions",
        202,
        "{\"txId\":\""
            + tx.txId().hex()
            + "\",\"status\":\"pending\",\"detail\":\"not committed within 100 ms\"}");

    TransactionResult result = client.submitAndWait(tx, Duration.ofMillis(100));

    assertThat(result.status()).isEqualTo(TransactionStatus.PENDING);
    assertThat(((TransactionResult.Pending) result).detail()).contains("100 ms");
  }

  @Test
  void aRejectionBecomesAnApiExceptionWithTheProblemsFields() {
    node.problem("POST", "/v1/transactions", 409, "replayed", "already committed");

    assertThatThrownBy(() -> client.submit(tx()))
        .isInstanceOfSatisfying(
            ChanceryApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.type()).isEqualTo("urn:chancery:error:replayed");
              assertThat(e.code()).isEqualTo("replayed");
              assertThat(e.title()).isEqualTo("T");
              assertThat(e.detail()).isEqualTo("already committed");
              assertThat(e.instance()).isEqualTo("/v1/transactions");
              assertThat(e.node()).isEqualTo(URI.create(node.url() + "/"));
            })
        .hasMessage("node " + node.url() + "/ answered 409 replayed: already committed");
  }

  @Test
  void anErrorPageThatIsNotAProblemIsAnHttpError() {
    node.answer(
        "GET",
        "/v1/status",
        new StubNode.Answer(502, "text/html", "<html><body>Bad gateway</body></html>", 0));

    assertThatThrownBy(client::status)
        .isInstanceOfSatisfying(
            ChanceryApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.type()).isEqualTo("about:blank");
              assertThat(e.code()).isEqualTo("http-error");
              assertThat(e.detail()).contains("Bad gateway");
            });
  }

  @Test
  void anUnknownTransactionIsAProblem() {
    Bytes id = tx().txId();
    node.problem(
        "GET", "/v1/transactions/" + id.hex(), 404, "unknown-transaction", "neither pending");

    assertThatThrownBy(() -> client.transaction(id, false))
        .isInstanceOfSatisfying(
            ChanceryApiException.class, e -> assertThat(e.code()).isEqualTo("unknown-transaction"));
  }

  @Test
  void readsATransactionWithItsProofWhichVerifiesOffline() {
    Transaction tx = tx();
    TestChain.TestBlock block = CHAIN.block(4, List.of(tx));
    node.json(
        "GET",
        "/v1/transactions/" + tx.txId().hex(),
        200,
        ApiDocuments.withProof(CHAIN, tx, block, 0).toString());

    TransactionResult.Included in =
        (TransactionResult.Included) client.transaction(tx.txId().hex().toUpperCase(), true);

    assertThat(node.last().rawQuery()).isEqualTo("proof=true");
    TransactionView view = in.transaction().orElseThrow();
    assertThat(view.contract()).isEqualTo("kv");
    assertThat(view.args().path("key").asText()).isEqualTo("a");
    assertThat(view.decode(CHAIN.suite)).isEqualTo(tx);
    ProvenTransaction proven =
        new OfflineVerifier(CHAIN.genesis).verifyTransaction(in.proof().orElseThrow(), in.txId());
    assertThat(proven.height()).isEqualTo(4);
  }

  @Test
  void aPendingTransactionHasNoBlock() {
    Bytes id = tx().txId();
    node.json(
        "GET",
        "/v1/transactions/" + id.hex(),
        200,
        "{\"txId\":\"" + id.hex() + "\",\"status\":\"pending\"}");

    assertThat(client.transaction(id, false)).isInstanceOf(TransactionResult.Pending.class);
  }

  @Test
  void readsABlockWithItsHeaderBytesAndCertificate() {
    Transaction tx = tx();
    TestChain.TestBlock block = CHAIN.block(4, List.of(tx));
    node.json("GET", "/v1/blocks/4", 200, ApiDocuments.block(CHAIN, block, List.of(tx)).toString());
    node.json(
        "GET", "/v1/blocks/latest", 200, ApiDocuments.block(CHAIN, block, List.of(tx)).toString());

    BlockInfo b = client.block(4);

    assertThat(b.header()).isEqualTo(block.header());
    assertThat(b.timestamp()).isEqualTo(block.header().timestamp());
    assertThat(b.hash()).isEqualTo(Bytes.of(CHAIN.suite.hash(block.headerBytes())));
    assertThat(b.certificate()).contains(block.certificate());
    assertThat(b.transactions())
        .containsExactly(
            new BlockInfo.TransactionSummary(
                tx.txId(), "kv", "put", "org1", tx.body().timestamp()));
    assertThat(client.latestBlock()).isEqualTo(b);
  }

  @Test
  void blockHeightsStartAtOne() {
    assertThatThrownBy(() -> client.block(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsStateAndEncodesTheKeyAsOnePathSegment() {
    ObjectNode doc = ApiDocuments.JSON.createObjectNode();
    doc.put("contract", "kv").put("key", "permit/2024 001").put("height", 9).put("exists", true);
    doc.put(
        "value",
        java.util.Base64.getEncoder()
            .encodeToString("{\"owner\":\"org1\"}".getBytes(StandardCharsets.UTF_8)));
    doc.putObject("json").put("owner", "org1");
    node.json("GET", "/v1/state/kv/permit%2F2024%20001", 200, doc.toString());

    StateEntry e = client.state("kv", "permit/2024 001");

    assertThat(e.key()).isEqualTo("permit/2024 001");
    assertThat(e.height()).isEqualTo(9);
    assertThat(e.text()).isEqualTo("{\"owner\":\"org1\"}");
    assertThat(e.json().orElseThrow().path("owner").asText()).isEqualTo("org1");
  }

  @Test
  void keysThatLookLikeDotSegmentsStayKeys() {
    assertThat(ChanceryClient.encodeSegment("..")).isEqualTo("%2E%2E");
    assertThat(ChanceryClient.encodeSegment("a.b")).isEqualTo("a.b");
    assertThat(ChanceryClient.encodeSegment("证书")).isEqualTo("%E8%AF%81%E4%B9%A6");
  }

  @Test
  void anAnswerThatIsNotJsonIsUnexpected() {
    node.answer("GET", "/v1/status", new StubNode.Answer(200, "text/html", "<html>hi</html>", 0));

    assertThatThrownBy(client::status)
        .isInstanceOfSatisfying(
            UnexpectedResponseException.class,
            e -> {
              assertThat(e.status()).isEqualTo(200);
              assertThat(e.code()).isEqualTo("unexpected-response");
            })
        .hasMessageContaining("other than JSON");
  }

  @Test
  void anAnswerWithoutARequiredFieldIsUnexpected() {
    node.json("GET", "/v1/status", 200, "{\"chainId\":\"x\"}");

    assertThatThrownBy(client::status)
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("'suite'");
  }

  @Test
  void aNodeThatIsNotListeningIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ChanceryClient c = ChanceryClient.connect("http://127.0.0.1:" + port)) {
      assertThatThrownBy(c::status)
          .isInstanceOfSatisfying(
              NodeUnreachableException.class,
              e -> {
                assertThat(e.node()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
                assertThat(e.code()).isEqualTo("node-unreachable");
              })
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void aNodeThatDoesNotAnswerInTimeIsUnreachable() {
    node.answer("GET", "/v1/status", new StubNode.Answer(200, "application/json", "{}", 2000));
    try (ChanceryClient c =
        ChanceryClient.builder(URI.create(node.url()))
            .requestTimeout(Duration.ofMillis(200))
            .build()) {
      assertThatThrownBy(c::status)
          .isInstanceOf(NodeUnreachableException.class)
          .hasMessageContaining("did not answer /v1/status in time");
    }
  }

  @Test
  void aBasePathPrefixesEveryRequest() {
    node.json("GET", "/chancery/v1/status", 200, ApiDocuments.status(CHAIN).toString());
    try (ChanceryClient c = ChanceryClient.connect(node.url() + "/chancery")) {
      assertThat(c.status().height()).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"127.0.0.1:7200", "ftp://host", "http://", "http://h:1/?q=1", "http://h#x", "::"})
  void rejectsUrlsThatAreNotNodeUrls(String url) {
    assertThatThrownBy(() -> ChanceryClient.nodeUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node URL");
  }

  @Test
  void normalisesNodeUrls() {
    assertThat(ChanceryClient.nodeUrl(" http://127.0.0.1:7200 "))
        .isEqualTo(URI.create("http://127.0.0.1:7200/"));
    assertThat(ChanceryClient.nodeUrl("HTTPS://node.example/api/"))
        .isEqualTo(URI.create("https://node.example/api/"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "ab",
        "zz00000000000000000000000000000000000000000000000000000000000000",
        "00000000000000000000000000000000000000000000000000000000000000000"
      })
  void transactionIdsAre64HexDigits(String id) {
    assertThatThrownBy(() -> ChanceryClient.parseTxId(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex digits");
  }
}
