package org.chancery.contracts.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Receipt;
import org.chancery.core.evidence.DepositIds;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.Depositor;
import org.chancery.core.evidence.EvidenceLimits;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The evidence contract executed by the real engine over the real state. */
class EvidenceContractTest {
  private static final CryptoSuite SM = CryptoSuite.byName("sm");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final EvidenceLimits LIMITS = new EvidenceLimits(5, 64);

  @TempDir Path dir;
  EvidenceChain chain;

  @BeforeEach
  void open() {
    chain = new EvidenceChain(SM, LIMITS, dir);
  }

  @AfterEach
  void close() {
    chain.close();
  }

  static String digest() {
    byte[] d = new byte[32];
    RANDOM.nextBytes(d);
    return HexFormat.of().formatHex(d);
  }

  static ObjectNode deposit(String digest) {
    return JSON.createObjectNode()
        .put("digest", digest)
        .put("size", 1024)
        .put("mediaType", "application/pdf");
  }

  static String batch(ObjectNode... items) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode a = n.putArray("deposits");
    for (ObjectNode i : items) {
      a.add(i);
    }
    return n.toString();
  }

  private Bytes txId() {
    return chain.lastTransactions().get(0).txId();
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void depositRecordsTheRequestTheSignerAndTheBlock() throws Exception {
    String d = digest();
    ObjectNode in = deposit(d).put("fileName", "lease.pdf").put("label", "signed lease");
    in.putObject("metadata").put("case", "2026-017");
    Receipt r = chain.run("deposit", in.toString());

    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
    Bytes id = DepositIds.of(SM, txId(), 0);
    assertThat(json(r.result())).isEqualTo(json("{\"depositId\":\"" + id.hex() + "\"}"));
    assertThat(r.events()).hasSize(1);
    assertThat(r.events().get(0).name()).isEqualTo("deposited");
    assertThat(json(r.events().get(0).data()))
        .isEqualTo(json("{\"depositId\":\"" + id.hex() + "\",\"digest\":\"" + d + "\"}"));

    DepositRecord rec = chain.queries().deposit(id).orElseThrow();
    assertThat(rec.depositId()).isEqualTo(id);
    assertThat(rec.request().digest().hex()).isEqualTo(d);
    assertThat(rec.request().size()).isEqualTo(1024);
    assertThat(rec.request().fileName()).isEqualTo("lease.pdf");
    assertThat(rec.request().label()).isEqualTo("signed lease");
    assertThat(rec.request().metadata().path("case").asText()).isEqualTo("2026-017");
    assertThat(rec.request().previous()).isNull();
    assertThat(rec.depositor()).isEqualTo(new Depositor("org1", "clerk", "client"));
    assertThat(rec.txId()).isEqualTo(txId());
    assertThat(rec.index()).isZero();
    assertThat(rec.height()).isEqualTo(1);
    assertThat(rec.time()).isEqualTo(chain.time(1));
  }

  @Test
  void batchGivesEachItemItsPositionAndMayChainWithinTheBatch() throws Exception {
    String a = digest();
    String b = digest();
    Receipt r =
        chain.run(
            "depositBatch", batch(deposit(a), deposit(b), deposit(a).put("previousIndex", 0)));

    assertThat(r.status()).as(r.errorMessage()).isEqualTo(Receipt.Status.SUCCESS);
    List<Bytes> ids = List.of(0, 1, 2).stream().map(i -> DepositIds.of(SM, txId(), i)).toList();
    assertThat(json(r.result()).path("depositIds"))
        .isEqualTo(JSON.valueToTree(ids.stream().map(Bytes::hex).toList()));
    assertThat(r.events()).hasSize(1);
    assertThat(r.events().get(0).name()).isEqualTo("depositedBatch");
    assertThat(json(r.events().get(0).data()).path("deposits").get(1).path("digest").asText())
        .isEqualTo(b);
    for (int i = 0; i < 3; i++) {
      assertThat(chain.queries().deposit(ids.get(i)).orElseThrow().index()).isEqualTo(i);
    }
    assertThat(chain.queries().deposit(ids.get(2)).orElseThrow().request().previous())
        .isEqualTo(ids.get(0));
    assertThat(chain.queries().successors(ids.get(0), 10)).containsExactly(ids.get(2));
  }

  @Test
  void oneBadItemFailsTheWholeBatchAndWritesNothing() {
    String bad = digest().toUpperCase(java.util.Locale.ROOT);
    Receipt r = chain.run("depositBatch", batch(deposit(digest()), deposit(bad)));
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo("invalid-arguments");
    assertThat(r.errorMessage()).startsWith("deposits[1]: \"digest\"");
    assertThat(chain.keys()).isEmpty();

    Receipt unknownPrevious =
        chain.run(
            "depositBatch", batch(deposit(digest()), deposit(digest()).put("previous", digest())));
    assertThat(unknownPrevious.errorCode()).isEqualTo("unknown-deposit");
    assertThat(chain.keys()).isEmpty();
  }

  @Test
  void previousMustNameARecordedDeposit() {
    String missing = digest();
    Receipt r = chain.run("deposit", deposit(digest()).put("previous", missing).toString());
    assertThat(r.errorCode()).isEqualTo("unknown-deposit");
    assertThat(r.errorMessage()).contains(missing);

    chain.run("deposit", deposit(digest()).toString());
    Bytes first = DepositIds.of(SM, txId(), 0);
    Receipt second =
        chain.run("deposit", deposit(digest()).put("previous", first.hex()).toString());
    assertThat(second.status()).isEqualTo(Receipt.Status.SUCCESS);
    Bytes secondId = DepositIds.of(SM, txId(), 0);
    EvidenceQueries.Chain c =
        chain.queries().chain(chain.queries().deposit(secondId).orElseThrow(), 10);
    assertThat(c.stages()).extracting(DepositRecord::depositId).containsExactly(first, secondId);
    assertThat(c.truncated()).isFalse();
    assertThat(
            chain.queries().chain(chain.queries().deposit(secondId).orElseThrow(), 1).truncated())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // digest: missing, wrong length, uppercase, not hex, not a string
        "{\"size\":1,\"mediaType\":\"a/b\"}",
        "{\"digest\":\"abcd\",\"size\":1,\"mediaType\":\"a/b\"}",
        "{\"digest\":\"@UPPER\",\"size\":1,\"mediaType\":\"a/b\"}",
        "{\"digest\":\"@NOTHEX\",\"size\":1,\"mediaType\":\"a/b\"}",
        "{\"digest\":5,\"size\":1,\"mediaType\":\"a/b\"}",
        // size: missing, negative, fractional, a string
        "{\"digest\":\"@D\",\"mediaType\":\"a/b\"}",
        "{\"digest\":\"@D\",\"size\":-1,\"mediaType\":\"a/b\"}",
        "{\"digest\":\"@D\",\"size\":1.5,\"mediaType\":\"a/b\"}",
        "{\"digest\":\"@D\",\"size\":\"1\",\"mediaType\":\"a/b\"}",
        // media type: missing, no subtype, with a space
        "{\"digest\":\"@D\",\"size\":1}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"pdf\"}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"application/ pdf\"}",
        // file name: a path, a backslash path, empty, too long, a control character
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"fileName\":\"dir/x.pdf\"}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"fileName\":\"dir\\\\x.pdf\"}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"fileName\":\"\"}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"fileName\":\"@LONG256\"}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"fileName\":\"a\\u0007b\"}",
        // label: too long, a control character, an unpaired surrogate
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"label\":\"@LONG257\"}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"label\":\"a\\nb\"}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"label\":\"a\\ud800\"}",
        // metadata: not an object, a non-finite number
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"metadata\":[1]}",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"metadata\":{\"n\":1e999}}",
        // previous: not an id
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"previous\":\"xyz\"}",
        // an unknown field
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\",\"owner\":\"me\"}",
        // not an object, not JSON, trailing garbage, a duplicate key
        "[1]",
        "not json",
        "{\"digest\":\"@D\",\"size\":1,\"mediaType\":\"a/b\"} {}",
        "{\"digest\":\"@D\",\"size\":1,\"size\":2,\"mediaType\":\"a/b\"}",
      })
  void rejectsEachMalformedDeposit(String template) {
    String args =
        template
            .replace("@UPPER", digest().toUpperCase(java.util.Locale.ROOT))
            .replace("@NOTHEX", "g" + digest().substring(1))
            .replace("@D", digest())
            .replace("@LONG256", "x".repeat(256))
            .replace("@LONG257", "x".repeat(257));
    Receipt r = chain.run("deposit", args);
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.errorCode()).isEqualTo("invalid-arguments");
    assertThat(r.errorMessage()).isNotBlank();
    assertThat(chain.keys()).isEmpty();
  }

  @Test
  void rejectionMessagesNameTheField() {
    assertThat(chain.run("deposit", "{\"size\":1,\"mediaType\":\"a/b\"}").errorMessage())
        .contains("\"digest\" is required");
    assertThat(
            chain
                .run("deposit", "{\"digest\":\"" + digest() + "\",\"size\":-1,\"mediaType\":\"a\"}")
                .errorMessage())
        .contains("\"size\"");
    assertThat(
            chain
                .run("deposit", deposit(digest()).put("fileName", "a/b.pdf").toString())
                .errorMessage())
        .contains("\"fileName\" is a name, not a path");
    assertThat(chain.run("deposit", deposit(digest()).put("x", 1).toString()).errorMessage())
        .contains("unknown deposit field 'x'");
  }

  @Test
  void metadataOverTheGenesisLimitIsLimitExceeded() {
    ObjectNode in = deposit(digest());
    in.putObject("metadata").put("note", "x".repeat(64));
    Receipt r = chain.run("deposit", in.toString());
    assertThat(r.errorCode()).isEqualTo("limit-exceeded");
    assertThat(r.errorMessage()).contains("at most 64");
    ObjectNode fits = deposit(digest());
    fits.putObject("metadata").put("n", "x".repeat(40));
    assertThat(chain.run("deposit", fits.toString()).status()).isEqualTo(Receipt.Status.SUCCESS);
  }

  @Test
  void batchShapeIsChecked() {
    assertThat(chain.run("depositBatch", batch()).errorCode()).isEqualTo("invalid-arguments");
    Receipt tooMany =
        chain.run(
            "depositBatch",
            batch(
                deposit(digest()),
                deposit(digest()),
                deposit(digest()),
                deposit(digest()),
                deposit(digest()),
                deposit(digest())));
    assertThat(tooMany.errorCode()).isEqualTo("limit-exceeded");
    assertThat(tooMany.errorMessage()).contains("1 to 5");
    assertThat(chain.run("depositBatch", "{\"deposits\":{}}").errorCode())
        .isEqualTo("invalid-arguments");
    assertThat(chain.run("depositBatch", "{}").errorCode()).isEqualTo("invalid-arguments");
    assertThat(chain.run("depositBatch", "{\"deposits\":[],\"x\":1}").errorMessage())
        .contains("unknown depositBatch field 'x'");
    assertThat(chain.run("depositBatch", "{\"deposits\":[1]}").errorMessage())
        .startsWith("deposits[0]: ");
    assertThat(
            chain
                .run("depositBatch", batch(deposit(digest()).put("previousIndex", 0)))
                .errorMessage())
        .contains("previousIndex");
    assertThat(
            chain
                .run(
                    "depositBatch",
                    batch(
                        deposit(digest()),
                        deposit(digest()).put("previousIndex", 0).put("previous", digest())))
                .errorMessage())
        .contains("not both");
    assertThat(chain.run("depositBatch", "not json").errorCode()).isEqualTo("invalid-arguments");
    assertThat(chain.keys()).isEmpty();
  }

  @Test
  void unknownMethodIsRejected() {
    Receipt r = chain.run("withdraw", deposit(digest()).toString());
    assertThat(r.errorCode()).isEqualTo("unknown-method");
    assertThat(r.errorMessage()).contains("deposit, depositBatch");
  }

  @Test
  void indexesListDepositsInCommitOrderAcrossBlocksAndWithinOne() {
    String d = digest();
    chain.block(
        List.of(
            new EvidenceChain.Call("org1", "alice", "deposit", deposit(d).toString()),
            new EvidenceChain.Call("org2", "bob", "deposit", deposit(d).toString()),
            new EvidenceChain.Call("org1", "a/b", "deposit", deposit(digest()).toString())));
    List<Bytes> first =
        chain.lastTransactions().stream().map(tx -> DepositIds.of(SM, tx.txId(), 0)).toList();
    chain.block(
        List.of(
            new EvidenceChain.Call(
                "org1", "alice", "depositBatch", batch(deposit(d), deposit(digest())))));
    Bytes batchTx = txId();
    Bytes b0 = DepositIds.of(SM, batchTx, 0);
    Bytes b1 = DepositIds.of(SM, batchTx, 1);

    EvidenceQueries q = chain.queries();
    assertThat(ids(q.byDigest(Bytes.fromHex(d), 0, 100)))
        .containsExactly(first.get(0), first.get(1), b0);
    assertThat(ids(q.byOrganisation("org1", 0, 100)))
        .containsExactly(first.get(0), first.get(2), b0, b1);
    assertThat(ids(q.byMember("org1", "alice", 0, 100))).containsExactly(first.get(0), b0, b1);
    // A member named "a/b" is not a prefix match for "a" and vice versa.
    assertThat(ids(q.byMember("org1", "a/b", 0, 100))).containsExactly(first.get(2));
    assertThat(ids(q.byMember("org1", "a", 0, 100))).isEmpty();
    assertThat(ids(q.byOrganisation("org2", 0, 100))).containsExactly(first.get(1));

    EvidenceQueries.Page page = q.byOrganisation("org1", 0, 3);
    assertThat(ids(page)).containsExactly(first.get(0), first.get(2), b0);
    assertThat(page.hasMore()).isTrue();
    EvidenceQueries.Page rest = q.byOrganisation("org1", page.next(), 3);
    assertThat(ids(rest)).containsExactly(b1);
    assertThat(rest.hasMore()).isFalse();
    assertThat(q.byOrganisation("org1", 4, 3).deposits()).isEmpty();
  }

  private static List<Bytes> ids(EvidenceQueries.Page page) {
    return page.deposits().stream().map(DepositRecord::depositId).toList();
  }
}
