package org.chancery.sdk.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.core.evidence.DepositIds;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.tx.Transaction;
import org.chancery.sdk.ChanceryApiException;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.TransactionStatus;
import org.chancery.sdk.UnexpectedResponseException;
import org.chancery.sdk.testing.StubNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EvidenceFixture FIXTURE = EvidenceFixture.create();

  @TempDir Path dir;
  private StubNode node;
  private ChanceryClient client;
  private EvidenceClient evidence;

  @BeforeEach
  void start() throws Exception {
    node = new StubNode();
    ObjectNode status = JSON.createObjectNode();
    status.put("chainId", EvidenceFixture.CHAIN_ID);
    status.put("suite", "sm");
    status.put("genesisHash", "ab".repeat(32));
    status.put("node", "node1");
    status.put("organisation", "org1");
    status.put("validator", true);
    status.put("consensus", "bft");
    status.put("height", 7);
    status.put("latestBlockHash", "cd".repeat(32));
    status.put("latestBlockTime", "2026-12-04T20:37:03.120Z");
    status.put("stateRoot", "ef".repeat(32));
    status.putObject("mempool").put("size", 0).put("bytes", 0).put("capacity", 10000);
    node.json("GET", "/v1/status", 200, status.toString());
    client = ChanceryClient.connect(node.url());
    evidence = new EvidenceClient(client);
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  @Test
  void aDepositSignsTheLocallyComputedDigestAndSendsNotTheFile() throws Exception {
    byte[] content = new byte[200_000];
    Path file = Files.write(dir.resolve("scan.pdf"), content);
    node.json(
        "POST",
        "/v1/transactions",
        202,
        "{\"txId\":\"" + "00".repeat(32) + "\",\"status\":\"pending\"}");

    DepositReceipt r =
        evidence.deposit(
            FIXTURE.client, file, DepositOptions.defaults().withLabel("scan of the deed"), false);

    StubNode.Request sent = node.last();
    assertThat(sent.body().length).isLessThan(4096);
    Transaction tx = Transaction.decode(sent.body(), FIXTURE.suite);
    assertThat(tx.body().contract()).isEqualTo("evidence");
    assertThat(tx.body().method()).isEqualTo("deposit");
    JsonNode args = JSON.readTree(tx.body().args());
    FileDigest expected = FileDigest.of(FIXTURE.suite, file);
    assertThat(args.get("digest").asText()).isEqualTo(expected.digest().hex());
    assertThat(args.get("size").asLong()).isEqualTo(200_000);
    assertThat(args.get("mediaType").asText()).isEqualTo("application/pdf");
    assertThat(args.get("fileName").asText()).isEqualTo("scan.pdf");
    assertThat(args.get("label").asText()).isEqualTo("scan of the deed");
    assertThat(r.depositId()).isEqualTo(DepositIds.of(FIXTURE.suite, tx.txId(), 0));
    assertThat(r.txId()).isEqualTo(tx.txId());
    assertThat(r.status()).isEqualTo(TransactionStatus.PENDING);
    assertThat(r.height()).isEmpty();
  }

  @Test
  void aFileOfUnknownKindIsOctetStream() throws Exception {
    Path file = Files.write(dir.resolve("blob.zz9"), new byte[] {1, 2});
    assertThat(EvidenceClient.request(FIXTURE.suite, file, DepositOptions.defaults()).mediaType())
        .isEqualTo("application/octet-stream");
  }

  @Test
  void anInvalidOptionIsRefusedBeforeAnythingIsSigned() throws Exception {
    Path file = Files.write(dir.resolve("a.txt"), new byte[] {1});
    assertThatThrownBy(
            () ->
                EvidenceClient.request(
                    FIXTURE.suite, file, DepositOptions.defaults().withMediaType("pdf")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mediaType");
  }

  @Test
  void getReadsTheRecordAndUnknownIdsAreTheNodesProblem() {
    DepositRecord record = FIXTURE.record;
    node.json("GET", "/v1/evidence/" + record.depositId().hex(), 200, record.toJson().toString());
    assertThat(evidence.get(record.depositId())).isEqualTo(record);

    String unknown = "11".repeat(32);
    node.problem("GET", "/v1/evidence/" + unknown, 404, "unknown-deposit", "no such deposit");
    assertThatThrownBy(() -> evidence.get(org.chancery.core.Bytes.fromHex(unknown)))
        .isInstanceOfSatisfying(
            ChanceryApiException.class, e -> assertThat(e.code()).isEqualTo("unknown-deposit"));
  }

  @Test
  void findByDigestPagesWithTheCursor() {
    ObjectNode page = JSON.createObjectNode();
    page.putArray("deposits").add(FIXTURE.record.toJson());
    page.put("nextCursor", "c/2");
    node.json("GET", "/v1/evidence", 200, page.toString());

    DepositPage p = evidence.findByDigest(FIXTURE.request.digest(), "c/1");
    assertThat(p.deposits()).containsExactly(FIXTURE.record);
    assertThat(p.nextCursor()).contains("c/2");
    assertThat(
            node.requests.stream()
                .filter(r -> r.rawPath().equals("/v1/evidence"))
                .map(StubNode.Request::rawQuery))
        .containsExactly("digest=" + FIXTURE.request.digest().hex() + "&cursor=c%2F1");
  }

  @Test
  void findByDepositorEncodesTheMember() {
    node.json("GET", "/v1/evidence", 200, "{\"deposits\":[],\"nextCursor\":null}");
    DepositPage p = evidence.findByDepositor("org1", "client@org1", null);
    assertThat(p.deposits()).isEmpty();
    assertThat(p.nextCursor()).isEmpty();
    assertThat(node.last().rawQuery()).isEqualTo("depositor=org1&member=client%40org1");
  }

  @Test
  void chainReadsStagesAndNext() {
    String id = FIXTURE.record.depositId().hex();
    ObjectNode chain = JSON.createObjectNode();
    chain.putArray("stages").add(FIXTURE.record.toJson());
    chain.putArray("next").add("22".repeat(32));
    node.json("GET", "/v1/evidence/" + id + "/chain", 200, chain.toString());
    ProcessChain c = evidence.chain(FIXTURE.record.depositId());
    assertThat(c.stages()).containsExactly(FIXTURE.record);
    assertThat(c.next()).extracting(org.chancery.core.Bytes::hex).containsExactly("22".repeat(32));
    assertThat(c.truncated()).isFalse();
  }

  @Test
  void certificatesComeAsJsonOrPdfAndAnotherMediaTypeIsRefused() {
    String path = "/v1/evidence/" + FIXTURE.record.depositId().hex() + "/certificate";
    node.answer("GET", path, new StubNode.Answer(200, "application/pdf", "%PDF-1.7 ...", 0));
    assertThat(new String(evidence.certificatePdf(FIXTURE.record.depositId()))).startsWith("%PDF-");
    node.json("GET", path, 200, "{}");
    assertThatThrownBy(() -> evidence.certificatePdf(FIXTURE.record.depositId()))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("not application/pdf");
    assertThat(new String(evidence.certificateJson(FIXTURE.record.depositId()))).isEqualTo("{}");
  }
}
