package org.chancery.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.EvidenceCertificate;
import org.chancery.core.evidence.EvidenceCertificateJson;
import org.chancery.core.proof.TransactionProofVerifier;
import org.chancery.core.proof.VerifiedTransaction;
import org.chancery.core.tx.Transaction;
import org.chancery.node.ChanceryNode;
import org.chancery.node.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/evidence} of a real solo node, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceApiTest {
  private static final String PROTO = "application/x-protobuf";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dir;
  TestNetwork net;
  ChanceryNode node;
  Http http;
  TestNetwork.Signer client;
  TestNetwork.Signer admin;

  @BeforeAll
  void start() throws Exception {
    net = TestNetwork.create(dir);
    node = net.start();
    http = new Http(node.apiPort());
    client = net.client();
    admin = net.signer("users/admin");
  }

  @AfterAll
  void stop() {
    node.close();
  }

  static String digest() {
    byte[] d = new byte[32];
    RANDOM.nextBytes(d);
    return HexFormat.of().formatHex(d);
  }

  static ObjectNode deposit(String digest) {
    return JSON.createObjectNode()
        .put("digest", digest)
        .put("size", 2048)
        .put("mediaType", "application/pdf")
        .put("fileName", "judgment.pdf");
  }

  /** Submits and waits for the commit; returns the committed response. */
  private JsonNode commit(Transaction tx) throws Exception {
    Http.Response r = http.post("/v1/transactions?wait=commit", PROTO, tx.encoded());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("receipt").path("status").asText()).as(r.body()).isEqualTo("SUCCESS");
    return r.json();
  }

  /** Deposits one file as {@code signer}; returns the deposit id. */
  private String deposit(TestNetwork.Signer signer, ObjectNode request) throws Exception {
    JsonNode r = commit(signer.tx("evidence", "deposit", request.toString()));
    return r.path("receipt").path("result").path("depositId").asText();
  }

  private List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("deposits").forEach(d -> out.add(d.path("depositId").asText()));
    return out;
  }

  @Test
  void aCommittedDepositIsReadableByIdAndItsCertificateVerifiesOffline() throws Exception {
    String d = digest();
    ObjectNode request = deposit(d).put("label", "first-instance judgment");
    request.putObject("metadata").put("case", "(2026) Jing 0105 Min Chu 17");
    Transaction tx = client.tx("evidence", "deposit", request.toString());
    JsonNode committed = commit(tx);
    String id = committed.path("receipt").path("result").path("depositId").asText();

    Http.Response got = http.get("/v1/evidence/" + id);
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    assertThat(got.contentType()).startsWith("application/json");
    JsonNode record = got.json();
    assertThat(record.path("depositId").asText()).isEqualTo(id);
    assertThat(record.path("digest").asText()).isEqualTo(d);
    assertThat(record.path("label").asText()).isEqualTo("first-instance judgment");
    assertThat(record.path("metadata").path("case").asText()).contains("Min Chu 17");
    assertThat(record.path("depositor").path("organisation").asText()).isEqualTo("org1");
    assertThat(record.path("depositor").path("name").asText()).isEqualTo("client@org1");
    assertThat(record.path("depositor").path("role").asText()).isEqualTo("client");
    assertThat(record.path("txId").asText()).isEqualTo(tx.txId().hex());
    assertThat(record.path("height").asLong()).isEqualTo(committed.path("height").asLong());

    Http.Response c = http.get("/v1/evidence/" + id + "/certificate");
    assertThat(c.status()).as(c.body()).isEqualTo(200);
    assertThat(c.contentType()).startsWith("application/json");
    EvidenceCertificate cert =
        EvidenceCertificateJson.decode(c.body().getBytes(StandardCharsets.UTF_8));
    assertThat(EvidenceCertificateJson.encode(cert))
        .isEqualTo(c.body().getBytes(StandardCharsets.UTF_8));
    assertThat(cert.deposit()).isEqualTo(DepositRecord.fromJson(record, net.suite.hashLength()));
    assertThat(cert.chainId()).isEqualTo(net.genesis.chainId());
    assertThat(cert.genesisHash().hex()).isEqualTo(node.config().genesisHash());
    VerifiedTransaction v =
        TransactionProofVerifier.forGenesis(net.genesis).verify(cert.transactionProof());
    assertThat(v.transaction().txId()).isEqualTo(tx.txId());
    assertThat(v.header().height()).isEqualTo(record.path("height").asLong());
  }

  @Test
  void certificateNegotiatesTheMediaType() throws Exception {
    String id = deposit(client, deposit(digest()));
    String path = "/v1/evidence/" + id + "/certificate";
    assertThat(get(path, "application/json").statusCode()).isEqualTo(200);
    assertThat(get(path, "*/*").statusCode()).isEqualTo(200);
    assertThat(get(path, "application/pdf;q=1, application/*;q=0.5").statusCode()).isEqualTo(200);
    for (String unacceptable : List.of("application/pdf", "text/html", "application/json;q=0")) {
      HttpResponse<String> r = get(path, unacceptable);
      assertThat(r.statusCode()).as(unacceptable).isEqualTo(406);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(JSON.readTree(r.body()).path("type").asText())
          .isEqualTo("urn:chancery:error:not-acceptable");
    }
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.apiPort() + path))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void depositsOfADigestPageEarliestFirstAcrossBlocks() throws Exception {
    String d = digest();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      expected.add(deposit(i % 2 == 0 ? client : admin, deposit(d)));
    }
    ObjectNode batch = JSON.createObjectNode();
    ArrayNode items = batch.putArray("deposits");
    items.add(deposit(d));
    items.add(deposit(digest()));
    items.add(deposit(d).put("previousIndex", 0));
    JsonNode r = commit(client.tx("evidence", "depositBatch", batch.toString()));
    JsonNode batchIds = r.path("receipt").path("result").path("depositIds");
    expected.add(batchIds.get(0).asText());
    expected.add(batchIds.get(2).asText());

    List<String> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Response page =
          http.get(
              "/v1/evidence?digest="
                  + d
                  + "&limit=2"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.json().path("deposits").size()).isLessThanOrEqualTo(2);
      listed.addAll(ids(page.json()));
      JsonNode next = page.json().path("nextCursor");
      assertThat(next.isNull() || next.isTextual()).isTrue();
      cursor = next.isNull() ? null : next.asText();
      pages++;
    } while (cursor != null);
    assertThat(listed).isEqualTo(expected);
    assertThat(pages).isEqualTo(3);

    JsonNode all = http.get("/v1/evidence?digest=" + d).json();
    assertThat(ids(all)).isEqualTo(expected);
    assertThat(all.path("nextCursor").isNull()).isTrue();
    long firstHeight = all.path("deposits").get(0).path("height").asLong();
    assertThat(all.path("deposits").get(4).path("height").asLong()).isGreaterThan(firstHeight);
    assertThat(http.get("/v1/evidence?digest=" + digest()).json().path("deposits").size()).isZero();
  }

  @Test
  void depositsOfAnOrganisationAndOfAMemberPageInCommitOrder() throws Exception {
    String byAdmin1 = deposit(admin, deposit(digest()));
    String byClient = deposit(client, deposit(digest()));
    String byAdmin2 = deposit(admin, deposit(digest()));

    List<String> admins = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          http.get(
                  "/v1/evidence?depositor=org1&member=admin@org1&limit=1"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      admins.addAll(ids(page));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
    } while (cursor != null);
    assertThat(admins).containsSubsequence(byAdmin1, byAdmin2).doesNotContain(byClient);
    assertThat(admins.getLast()).isEqualTo(byAdmin2);

    List<String> org = ids(http.get("/v1/evidence?depositor=org1&limit=1000").json());
    assertThat(org).containsSubsequence(byAdmin1, byClient, byAdmin2);
    assertThat(http.get("/v1/evidence?depositor=org9").json().path("deposits").size()).isZero();
  }

  @Test
  void aChainOfThreeStagesListsItsStagesAndSuccessors() throws Exception {
    String first = deposit(client, deposit(digest()).put("label", "filed"));
    String second =
        deposit(client, deposit(digest()).put("label", "served").put("previous", first));
    String third = deposit(admin, deposit(digest()).put("label", "judged").put("previous", second));

    JsonNode c = http.get("/v1/evidence/" + third + "/chain").json();
    List<String> stages = new ArrayList<>();
    c.path("stages").forEach(s -> stages.add(s.path("depositId").asText()));
    assertThat(stages).containsExactly(first, second, third);
    assertThat(c.path("stages").get(1).path("label").asText()).isEqualTo("served");
    assertThat(c.path("next").size()).isZero();
    assertThat(c.path("truncated").asBoolean()).isFalse();

    JsonNode middle = http.get("/v1/evidence/" + second + "/chain").json();
    assertThat(middle.path("stages").size()).isEqualTo(2);
    assertThat(middle.path("next").get(0).asText()).isEqualTo(third);
    assertThat(middle.path("next").size()).isEqualTo(1);
  }

  @Test
  void badRequestsAreProblems() throws Exception {
    String id = deposit(client, deposit(digest()));
    String d = digest();
    for (String path :
        List.of(
            "/v1/evidence/" + id.toUpperCase(java.util.Locale.ROOT),
            "/v1/evidence/abc",
            "/v1/evidence/" + id.substring(2) + "zz",
            "/v1/evidence/" + id + "00/chain",
            "/v1/evidence/xyz/certificate",
            "/v1/evidence",
            "/v1/evidence?digest=" + d + "&depositor=org1",
            "/v1/evidence?member=client",
            "/v1/evidence?digest=" + d.toUpperCase(java.util.Locale.ROOT),
            "/v1/evidence?digest=" + d.substring(1),
            "/v1/evidence?digest=" + d + "&limit=0",
            "/v1/evidence?digest=" + d + "&limit=1001",
            "/v1/evidence?digest=" + d + "&limit=ten",
            "/v1/evidence?digest=" + d + "&cursor=-1",
            "/v1/evidence?digest=" + d + "&cursor=abc",
            "/v1/evidence?digests=" + d)) {
      Http.Response r = http.get(path);
      assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
      assertThat(r.problemCode()).as(path).isEqualTo("malformed-request");
      assertThat(r.json().path("detail").asText()).as(path).isNotBlank();
    }
    String unknown = digest();
    for (String path :
        List.of(
            "/v1/evidence/" + unknown,
            "/v1/evidence/" + unknown + "/chain",
            "/v1/evidence/" + unknown + "/certificate")) {
      Http.Response r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.problemCode()).isEqualTo("unknown-deposit");
      assertThat(r.json().path("detail").asText()).contains(unknown);
    }
    assertThat(http.get("/v1/evidence/" + id + "/other").status()).isEqualTo(404);
    for (String method : List.of("POST", "PUT", "DELETE")) {
      Http.Response r = http.method(method, "/v1/evidence/" + id);
      assertThat(r.status()).isEqualTo(405);
      assertThat(r.problemCode()).isEqualTo("method-not-allowed");
    }
    assertThat(http.method("DELETE", "/v1/evidence?digest=" + d).status()).isEqualTo(405);
  }

  @Test
  void aRejectedDepositFailsItsTransactionWithTheContractsCode() throws Exception {
    Http.Response r =
        http.post(
            "/v1/transactions?wait=commit",
            PROTO,
            client
                .tx("evidence", "deposit", deposit(digest()).put("previous", digest()).toString())
                .encoded());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("failed");
    assertThat(r.json().path("receipt").path("errorCode").asText()).isEqualTo("unknown-deposit");
  }
}
