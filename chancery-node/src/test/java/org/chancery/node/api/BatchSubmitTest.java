package org.chancery.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.chancery.core.tx.Transaction;
import org.chancery.node.ChanceryNode;
import org.chancery.node.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/transactions:batch} of a real solo node, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchSubmitTest {
  private static final String JSON = "application/json";
  private static final String BATCH = "/v1/transactions:batch";

  @TempDir static Path dir;
  TestNetwork net;
  ChanceryNode node;
  Http http;
  TestNetwork.Signer client;

  @BeforeAll
  void start() throws Exception {
    net = TestNetwork.create(dir);
    node = net.start();
    http = new Http(node.apiPort());
    client = net.client();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static byte[] envelope(List<byte[]> encoded) {
    StringBuilder b = new StringBuilder("{\"transactions\":[");
    for (int i = 0; i < encoded.size(); i++) {
      b.append(i == 0 ? "\"" : ",\"");
      b.append(Base64.getEncoder().encodeToString(encoded.get(i))).append('"');
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private Http.Response batch(byte[]... encoded) throws Exception {
    return http.post(BATCH, JSON, envelope(List.of(encoded)));
  }

  private Http.Response raw(String body) throws Exception {
    return http.post(BATCH, JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The code of the per-transaction problem in {@code result}, checking its status matches. */
  private static String rejectionCode(JsonNode result) {
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("rejected");
    JsonNode problem = result.path("problem");
    String code = problem.path("type").asText().replace("urn:chancery:error:", "");
    assertThat(problem.path("status").asInt()).isEqualTo(Problems.status(code));
    assertThat(problem.path("detail").asText()).isNotBlank();
    return code;
  }

  @Test
  void acceptsEveryValidTransactionInOrderAndCommitsThem() throws Exception {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      txs.add(client.put("batch/" + i, Integer.toString(i)));
    }

    Http.Response r =
        http.post(BATCH, JSON, envelope(txs.stream().map(Transaction::encoded).toList()));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(40);
    assertThat(r.json().path("rejected").asInt()).isZero();
    for (int i = 0; i < 40; i++) {
      assertThat(r.json().path("results").get(i).path("txId").asText())
          .isEqualTo(txs.get(i).txId().hex());
      assertThat(r.json().path("results").get(i).path("status").asText()).isEqualTo("pending");
    }
    // Blocks take pending transactions oldest first, so once a later one is committed, so is the
    // batch.
    Http.Response after =
        http.post(
            "/v1/transactions?wait=commit",
            "application/x-protobuf",
            client.put("after-batch", "1").encoded());
    assertThat(after.json().path("status").asText()).isEqualTo("committed");
    for (Transaction tx : txs) {
      assertThat(http.get("/v1/transactions/" + tx.txId().hex()).json().path("status").asText())
          .isEqualTo("committed");
    }
    assertThat(http.get("/v1/state/kv/batch/39").json().path("json").path("value").asInt())
        .isEqualTo(39);
  }

  @Test
  void judgesEachTransactionAloneWithTheCodeASingleSubmissionWouldGet() throws Exception {
    Transaction good = client.put("mixed/good", "1");
    Transaction other = client.put("mixed/other", "1");
    byte[] unsigned =
        org.chancery.core.proto.LedgerProto.Transaction.newBuilder()
            .setBody(com.google.protobuf.ByteString.copyFrom(good.bodyBytes()))
            .build()
            .toByteArray();
    byte[] forged =
        org.chancery.core.proto.LedgerProto.Transaction.newBuilder()
            .setBody(com.google.protobuf.ByteString.copyFrom(other.bodyBytes()))
            .setSignature(com.google.protobuf.ByteString.copyFrom(good.signature()))
            .build()
            .toByteArray();
    Transaction committed = client.put("mixed/committed", "1");
    assertThat(
            http.post("/v1/transactions?wait=commit", "application/x-protobuf", committed.encoded())
                .status())
        .isEqualTo(200);
    Transaction otherChain =
        Transaction.sign(
            client.body("other-chain", "kv", "put", "{}", Instant.now()),
            client.key(),
            client.suite());
    Transaction late = client.tx("kv", "put", "{}", Instant.now().minus(Duration.ofHours(1)));
    Transaction early = client.tx("kv", "put", "{}", Instant.now().plus(Duration.ofHours(1)));
    Transaction lottery = client.tx("lottery", "draw", "{}");
    Transaction byNode = net.signer("nodes/node1/identity").put("mixed/node", "1");
    Transaction huge = client.put("mixed/huge", "\"" + "x".repeat(1024 * 1024) + "\"");

    Http.Response r =
        batch(
            good.encoded(),
            new byte[] {1, 2, 3},
            unsigned,
            forged,
            otherChain.encoded(),
            late.encoded(),
            early.encoded(),
            lottery.encoded(),
            byNode.encoded(),
            huge.encoded(),
            committed.encoded(),
            good.encoded());

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode results = r.json().path("results");
    assertThat(results.get(0).path("status").asText()).isEqualTo("pending");
    assertThat(results.get(0).path("txId").asText()).isEqualTo(good.txId().hex());
    List<String> codes = new ArrayList<>();
    for (int i = 1; i < results.size(); i++) {
      codes.add(rejectionCode(results.get(i)));
    }
    assertThat(codes)
        .containsExactly(
            "malformed-transaction",
            "unsigned",
            "bad-signature",
            "wrong-chain",
            "expired",
            "timestamp-in-future",
            "unknown-contract",
            "unauthorised",
            "too-large",
            "replayed",
            "duplicate");
    assertThat(results.get(5).path("txId").asText()).isEqualTo(late.txId().hex());
    assertThat(results.get(1).has("txId")).as("undecodable bytes have no id").isFalse();
    assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
    assertThat(r.json().path("rejected").asInt()).isEqualTo(11);
    assertThat(http.get("/metrics").body())
        .contains("chancery_transactions_rejected_total{code=\"wrong-chain\"}");
  }

  @Test
  void creatorFromAnUnknownCaIsRejectedWithinTheBatch(@TempDir Path elsewhere) throws Exception {
    TestNetwork.Signer outsider = TestNetwork.create(elsewhere).client();
    Transaction tx =
        Transaction.sign(
            outsider.body("test-chain", "kv", "put", "{}", Instant.now()),
            outsider.key(),
            outsider.suite());

    Http.Response r = batch(tx.encoded());

    assertThat(rejectionCode(r.json().path("results").get(0))).isEqualTo("unknown-member");
  }

  // ---- problems with the request as a whole ----

  @Test
  void otherMediaTypesAreUnsupported() throws Exception {
    Http.Response r = http.post(BATCH, "application/x-protobuf", client.put("p", "1").encoded());
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.problemCode()).isEqualTo("unsupported-media-type");
  }

  @Test
  void badEnvelopesAreMalformedRequests() throws Exception {
    for (String body :
        List.of(
            "{oops",
            "[]",
            "{\"transaction\":\"AAAA\"}",
            "{\"transactions\":\"AAAA\"}",
            "{\"transactions\":[]}",
            "{\"transactions\":[42]}",
            "{\"transactions\":[\"***\"]}")) {
      Http.Response r = raw(body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.problemCode()).as(body).isEqualTo("malformed-request");
      assertThat(r.json().path("instance").asText()).isEqualTo(BATCH);
    }
  }

  @Test
  void tooManyTransactionsOrTooLargeABodyIsRefused() throws Exception {
    String tooMany =
        "{\"transactions\":["
            + String.join(
                ",",
                java.util.Collections.nCopies(
                    ApiLimits.DEFAULT_MAX_BATCH_TRANSACTIONS + 1, "\"AA==\""))
            + "]}";
    Http.Response many = raw(tooMany);
    assertThat(many.status()).isEqualTo(413);
    assertThat(many.problemCode()).isEqualTo("too-large");
    assertThat(many.json().path("detail").asText()).contains("1 to 1000");

    Http.Response huge =
        http.post(BATCH, JSON, new byte[ApiLimits.DEFAULT_MAX_BATCH_BODY_BYTES + 1]);
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.problemCode()).isEqualTo("too-large");
  }

  @Test
  void aBatchCannotWaitForCommits() throws Exception {
    Http.Response r =
        http.post(BATCH + "?wait=commit", JSON, envelope(List.of(client.put("w", "1").encoded())));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("malformed-request");
    assertThat(r.json().path("detail").asText()).contains("GET /v1/transactions/{txId}");
  }

  @Test
  void theOpenApiDocumentDescribesTheBatchEndpoint() throws Exception {
    JsonNode post = http.get("/v1/openapi.json").json().path("paths").path(BATCH).path("post");
    assertThat(post.path("operationId").asText()).isEqualTo("submitTransactionBatch");
    assertThat(post.path("responses").has("413")).isTrue();
  }

  @Test
  void onlyPostIsAllowed() throws Exception {
    Http.Response r = http.get(BATCH);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.problemCode()).isEqualTo("method-not-allowed");
  }
}
