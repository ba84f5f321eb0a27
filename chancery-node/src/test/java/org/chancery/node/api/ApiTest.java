package org.chancery.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.chancery.core.proof.CertifiedStateProof;
import org.chancery.core.proof.CertifiedStateProofVerifier;
import org.chancery.core.proof.InvalidProofException;
import org.chancery.core.proof.ProofJson;
import org.chancery.core.proof.TransactionProof;
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

/** The REST API of a real solo node, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
  private static final String PROTO = "application/x-protobuf";

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

  private Http.Response submit(Transaction tx, String query) throws Exception {
    return http.post("/v1/transactions" + query, PROTO, tx.encoded());
  }

  @Test
  void committedTransactionIsReadableWithAProofThatVerifiesOffline() throws Exception {
    Transaction tx = client.put("permit-1", "{\"holder\":\"Li Lei\"}");

    Http.Response r = submit(tx, "?wait=commit");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("committed");
    assertThat(r.json().path("txId").asText()).isEqualTo(tx.txId().hex());
    assertThat(r.json().path("receipt").path("status").asText()).isEqualTo("SUCCESS");
    long height = r.json().path("height").asLong();

    JsonNode got = http.get("/v1/transactions/" + tx.txId().hex() + "?proof=true").json();
    assertThat(got.path("status").asText()).isEqualTo("committed");
    assertThat(got.path("transaction").path("args").path("value").path("holder").asText())
        .isEqualTo("Li Lei");
    TransactionProof proof = ProofJson.transactionProof(got.path("proof"));
    VerifiedTransaction v = TransactionProofVerifier.forGenesis(net.genesis).verify(proof);
    assertThat(v.transaction().txId()).isEqualTo(tx.txId());
    assertThat(v.header().height()).isEqualTo(height);

    JsonNode block = http.get("/v1/blocks/" + height).json();
    assertThat(block.path("header").path("height").asLong()).isEqualTo(height);
    assertThat(block.path("certificate").path("signatures").get(0).path("validator").asText())
        .isEqualTo("node1");
    assertThat(http.get("/v1/blocks/latest").json().path("height").asLong())
        .isGreaterThanOrEqualTo(height);

    JsonNode state = http.get("/v1/state/kv/permit-1").json();
    assertThat(state.path("json").path("value").path("holder").asText()).isEqualTo("Li Lei");
    assertThat(state.path("json").path("owner").asText()).isEqualTo("org1");
  }

  @Test
  void stateProofsOfPresenceAndAbsenceVerifyOfflineAtLatestAndHistoricalHeights() throws Exception {
    Http.Response first = submit(client.put("ledger/entry", "{\"v\":1}"), "?wait=commit");
    long h1 = first.json().path("height").asLong();
    submit(client.put("ledger/entry", "{\"v\":2}"), "?wait=commit");

    JsonNode latest = http.get("/v1/state/kv/ledger/entry?proof=true").json();
    CertifiedStateProof proof = ProofJson.stateProof(latest.path("proof"));
    byte[] value = Base64.getDecoder().decode(latest.path("value").asText());
    assertThat(latest.path("json").path("value").path("v").asInt()).isEqualTo(2);
    CertifiedStateProofVerifier verifier = CertifiedStateProofVerifier.forGenesis(net.genesis);
    assertThat(verifier.verify(proof, "kv", "ledger/entry", Optional.of(value)).height())
        .isEqualTo(latest.path("height").asLong());
    assertThatThrownBy(
            () ->
                verifier.verify(
                    proof,
                    "kv",
                    "ledger/entry",
                    Optional.of("{}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidProofException.class);

    JsonNode old = http.get("/v1/state/kv/ledger/entry?proof=true&height=" + h1).json();
    assertThat(old.path("json").path("value").path("v").asInt()).isEqualTo(1);
    CertifiedStateProof oldProof = ProofJson.stateProof(old.path("proof"));
    assertThat(
            verifier
                .verify(
                    oldProof,
                    "kv",
                    "ledger/entry",
                    Optional.of(Base64.getDecoder().decode(old.path("value").asText())))
                .height())
        .isEqualTo(h1);

    JsonNode absent = http.get("/v1/state/kv/no-such-entry?proof=true").json();
    assertThat(absent.path("exists").asBoolean()).isFalse();
    verifier.verify(
        ProofJson.stateProof(absent.path("proof")), "kv", "no-such-entry", Optional.empty());
    assertThatThrownBy(
            () ->
                verifier.verify(
                    ProofJson.stateProof(absent.path("proof")),
                    "kv",
                    "no-such-entry",
                    Optional.of(new byte[] {1})))
        .isInstanceOf(InvalidProofException.class);
  }

  @Test
  void historicalReadsNeedAProofAndAnExistingHeight() throws Exception {
    Http.Response noProof = http.get("/v1/state/kv/x?height=1");
    assertThat(noProof.status()).isEqualTo(400);
    assertThat(noProof.problemCode()).isEqualTo("malformed-request");
    Http.Response tooHigh = http.get("/v1/state/kv/x?proof=true&height=99999999");
    assertThat(tooHigh.status()).isEqualTo(404);
    assertThat(tooHigh.problemCode()).isEqualTo("unknown-block");
  }

  @Test
  void tamperedProofIsRejectedOffline() throws Exception {
    Transaction tx = client.put("tamper", "1");
    assertThat(submit(tx, "?wait=commit").status()).isEqualTo(200);
    JsonNode proofJson =
        http.get("/v1/transactions/" + tx.txId().hex() + "?proof=true").json().path("proof");
    TransactionProof good = ProofJson.transactionProof(proofJson);
    Transaction other = client.put("tamper", "2");
    TransactionProof swapped =
        new TransactionProof(
            good.header(),
            good.certificate(),
            org.chancery.core.Bytes.of(other.encoded()),
            good.receipt(),
            good.txProof(),
            good.receiptProof());
    assertThatThrownBy(() -> TransactionProofVerifier.forGenesis(net.genesis).verify(swapped))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("not in the block's tx root");
  }

  @Test
  void jsonEnvelopeIsAcceptedToo() throws Exception {
    Transaction tx = client.put("json-envelope", "true");
    String body = "{\"transaction\":\"" + Base64.getEncoder().encodeToString(tx.encoded()) + "\"}";

    Http.Response r =
        http.post(
            "/v1/transactions?wait=commit&timeout=20s",
            "application/json",
            body.getBytes(StandardCharsets.UTF_8));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("committed");
  }

  @Test
  void failingContractCallGetsAFailedReceiptAndWritesNothing() throws Exception {
    Transaction tx = client.tx("kv", "delete", "{\"key\":\"never-written\"}");

    Http.Response r = submit(tx, "?wait=commit");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("failed");
    assertThat(r.json().path("receipt").path("errorCode").asText()).isEqualTo("not-found");
    assertThat(http.get("/v1/state/kv/never-written").status()).isEqualTo(404);
  }

  @Test
  void submissionWithoutWaitIsAcceptedAsPending() throws Exception {
    Transaction tx = client.put("async", "1");
    Http.Response r = submit(tx, "");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("status").asText()).isEqualTo("pending");
  }

  @Test
  void statusHealthMetricsAndOpenApiAreServed() throws Exception {
    JsonNode status = http.get("/v1/status").json();
    assertThat(status.path("chainId").asText()).isEqualTo("test-chain");
    assertThat(status.path("suite").asText()).isEqualTo("sm");
    assertThat(status.path("consensus").asText()).isEqualTo("solo");
    assertThat(status.path("validator").asBoolean()).isTrue();
    assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ok");
    Http.Response metrics = http.get("/metrics");
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body()).contains("# TYPE chancery_block_height gauge");
    assertThat(metrics.body()).containsPattern("(?m)^process_cpu_seconds_total [0-9.E]+$");
    JsonNode openapi = http.get("/v1/openapi.json").json();
    assertThat(openapi.path("openapi").asText()).startsWith("3.");
    assertThat(openapi.path("paths").has("/v1/transactions")).isTrue();
  }

  // ---- every rejection path ----

  @Test
  void garbageBytesAreMalformed() throws Exception {
    Http.Response r = http.post("/v1/transactions", PROTO, new byte[] {1, 2, 3, 4});
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("malformed-transaction");
  }

  @Test
  void unsignedTransactionIsRejected() throws Exception {
    Transaction tx = client.put("unsigned", "1");
    byte[] unsigned =
        org.chancery.core.proto.LedgerProto.Transaction.newBuilder()
            .setBody(com.google.protobuf.ByteString.copyFrom(tx.bodyBytes()))
            .build()
            .toByteArray();
    Http.Response r = http.post("/v1/transactions", PROTO, unsigned);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.problemCode()).isEqualTo("unsigned");
  }

  @Test
  void wrongSignatureIsRejected() throws Exception {
    Transaction tx = client.put("bad-sig", "1");
    Transaction other = client.put("bad-sig", "2");
    byte[] forged =
        org.chancery.core.proto.LedgerProto.Transaction.newBuilder()
            .setBody(com.google.protobuf.ByteString.copyFrom(tx.bodyBytes()))
            .setSignature(com.google.protobuf.ByteString.copyFrom(other.signature()))
            .build()
            .toByteArray();
    Http.Response r = http.post("/v1/transactions", PROTO, forged);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.problemCode()).isEqualTo("bad-signature");
    assertThat(r.json().path("detail").asText()).contains("does not verify");
  }

  @Test
  void transactionForAnotherChainIsRejected() throws Exception {
    Transaction tx =
        Transaction.sign(
            client.body("other-chain", "kv", "put", "{}", Instant.now()),
            client.key(),
            client.suite());
    Http.Response r = submit(tx, "");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("wrong-chain");
  }

  @Test
  void expiredAndFutureTransactionsAreRejected() throws Exception {
    Http.Response old =
        submit(client.tx("kv", "put", "{}", Instant.now().minus(Duration.ofHours(1))), "");
    assertThat(old.status()).isEqualTo(400);
    assertThat(old.problemCode()).isEqualTo("expired");
    Http.Response future =
        submit(client.tx("kv", "put", "{}", Instant.now().plus(Duration.ofHours(1))), "");
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.problemCode()).isEqualTo("timestamp-in-future");
  }

  @Test
  void unknownContractIsRejected() throws Exception {
    Http.Response r = submit(client.tx("lottery", "draw", "{}"), "");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.problemCode()).isEqualTo("unknown-contract");
    assertThat(r.json().path("detail").asText()).contains("kv");
  }

  @Test
  void creatorFromAnUnknownCaIsRejected(@TempDir Path elsewhere) throws Exception {
    TestNetwork stranger = TestNetwork.create(elsewhere);
    TestNetwork.Signer outsider = stranger.client();
    Transaction tx =
        Transaction.sign(
            outsider.body("test-chain", "kv", "put", "{}", Instant.now()),
            outsider.key(),
            outsider.suite());
    Http.Response r = submit(tx, "");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.problemCode()).isEqualTo("unknown-member");
  }

  @Test
  void creatorCertificatesOutsideTheirValidityAreRejected() throws Exception {
    java.nio.file.Path ca = dir.resolve("orgs/org1/ca");
    org.chancery.crypto.pki.CertificateAuthority identityCa =
        org.chancery.crypto.pki.CertificateAuthority.load(
            org.chancery.crypto.pem.PemCodec.decodeCertificate(
                java.nio.file.Files.readString(ca.resolve("identity-ca.pem"))),
            org.chancery.crypto.pem.PemCodec.decodePrivateKey(
                java.nio.file.Files.readString(ca.resolve("identity-ca.key")), null));
    for (boolean expired : new boolean[] {true, false}) {
      org.chancery.crypto.EcKeyPair keys = client.suite().generateKeyPair();
      Instant now = Instant.now();
      java.security.cert.X509Certificate cert =
          identityCa.issueIdentity(
              new org.chancery.crypto.pki.CertificateRequest(
                  "temp@org1",
                  org.chancery.crypto.pki.MemberRole.CLIENT,
                  keys.publicKey(),
                  java.util.List.of(),
                  java.util.List.of(),
                  expired ? now.minus(Duration.ofDays(10)) : now.plus(Duration.ofDays(1)),
                  expired ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(10))));
      TestNetwork.Signer temp =
          new TestNetwork.Signer(client.chainId(), client.suite(), "org1", cert, keys.privateKey());
      Http.Response r = submit(temp.put("temp", "1"), "");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.problemCode())
          .isEqualTo(expired ? "certificate-expired" : "certificate-not-yet-valid");
    }
  }

  @Test
  void nodeIdentityMayNotSubmit() throws Exception {
    TestNetwork.Signer nodeIdentity = net.signer("nodes/node1/identity");
    Http.Response r = submit(nodeIdentity.put("x", "1"), "");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.problemCode()).isEqualTo("unauthorised");
  }

  @Test
  void replayOfACommittedTransactionIsRejected() throws Exception {
    Transaction tx = client.put("replay", "1");
    assertThat(submit(tx, "?wait=commit").status()).isEqualTo(200);
    Http.Response again = submit(tx, "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("replayed");
  }

  @Test
  void oversizedBodyIsRejected() throws Exception {
    byte[] huge = new byte[2 * 1024 * 1024];
    Http.Response r = http.post("/v1/transactions", PROTO, huge);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.problemCode()).isEqualTo("too-large");
  }

  @Test
  void unsupportedMediaTypeAndBadEnvelopesAreRejected() throws Exception {
    Http.Response text = http.post("/v1/transactions", "text/plain", new byte[] {1});
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.problemCode()).isEqualTo("unsupported-media-type");
    Http.Response notJson =
        http.post("/v1/transactions", "application/json", "{oops".getBytes(StandardCharsets.UTF_8));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.problemCode()).isEqualTo("malformed-request");
    Http.Response notBase64 =
        http.post(
            "/v1/transactions",
            "application/json",
            "{\"transaction\":\"***\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(notBase64.status()).isEqualTo(400);
    assertThat(notBase64.problemCode()).isEqualTo("malformed-request");
  }

  @Test
  void badWaitTimeoutIsRejected() throws Exception {
    Http.Response r = submit(client.put("t", "1"), "?wait=commit&timeout=forever");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("malformed-request");
  }

  @Test
  void unknownAndMalformedLookupsAreRejected() throws Exception {
    Http.Response unknownTx = http.get("/v1/transactions/" + "ab".repeat(32));
    assertThat(unknownTx.status()).isEqualTo(404);
    assertThat(unknownTx.problemCode()).isEqualTo("unknown-transaction");
    assertThat(unknownTx.json().path("transactionStatus").asText()).isEqualTo("unknown");
    Http.Response badId = http.get("/v1/transactions/xyz");
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.problemCode()).isEqualTo("malformed-request");
    Http.Response unknownBlock = http.get("/v1/blocks/999999");
    assertThat(unknownBlock.status()).isEqualTo(404);
    assertThat(unknownBlock.problemCode()).isEqualTo("unknown-block");
    Http.Response badHeight = http.get("/v1/blocks/tallest");
    assertThat(badHeight.status()).isEqualTo(400);
    Http.Response unknownKey = http.get("/v1/state/kv/nothing-here");
    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(unknownKey.problemCode()).isEqualTo("unknown-key");
    Http.Response nowhere = http.get("/v2/anything");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.problemCode()).isEqualTo("not-found");
    Http.Response wrongMethod = http.method("DELETE", "/v1/transactions");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.problemCode()).isEqualTo("method-not-allowed");
  }

  @Test
  void rejectionsAreCountedAndTheNodeKeepsServing() throws Exception {
    http.post("/v1/transactions", PROTO, new byte[] {9, 9, 9});
    assertThat(http.get("/metrics").body())
        .contains("chancery_transactions_rejected_total{code=\"malformed-transaction\"}");
    Transaction tx = client.put("still-alive", "1");
    assertThat(submit(tx, "?wait=commit").status()).isEqualTo(200);
  }
}
