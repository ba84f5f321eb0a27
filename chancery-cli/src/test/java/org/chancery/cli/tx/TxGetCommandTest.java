package org.chancery.cli.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.cli.CliRun;
import org.chancery.cli.LocalChain;
import org.chancery.core.tx.Transaction;
import org.chancery.sdk.testing.StubNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxGetCommandTest {
  @TempDir static Path shared;
  private static LocalChain chain;

  @TempDir Path tmp;
  private final StubNode node = newStub();
  private final Transaction tx = chain == null ? null : chain.transaction("{\"key\":\"a\"}");

  @BeforeAll
  static void network() throws Exception {
    chain = LocalChain.init(shared.resolve("net"));
  }

  private static StubNode newStub() {
    try {
      return new StubNode();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stopStub() {
    node.close();
  }

  private String path() {
    return "/v1/transactions/" + tx.txId().hex();
  }

  private CliRun get(String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "tx";
    args[1] = "get";
    args[2] = "--node=" + node.url();
    args[3] = tx.txId().hex();
    System.arraycopy(more, 0, args, 4, more.length);
    return CliRun.of(args);
  }

  @Test
  void aTxIdThatIsNotHexIsAUsageError() {
    CliRun run = CliRun.of("tx", "get", "--node", "http://127.0.0.1:7200", "xyz");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("TXID: a transaction id is 64 hex digits, got 'xyz'");
  }

  @Test
  void aMissingGenesisIsAUsageError() {
    CliRun run = get("--verify-with", tmp.resolve("none.json").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--verify-with: no such file");
    assertThat(node.requests).isEmpty();
  }

  @Test
  void aFileThatIsNotAGenesisIsAUsageError() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"chainId\": \"x\"}");

    CliRun run = get("--verify-with", bad.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--verify-with: not a genesis");
  }

  @Test
  void showsACommittedTransaction() {
    node.json("GET", path(), 200, chain.committed(tx, chain.block(tx, 4, true), false).toString());

    CliRun run = get();

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Transaction " + tx.txId().hex())
        .contains("status        committed")
        .contains("call          kv.put {\"key\":\"a\"}")
        .contains("creator       org1")
        .contains(" CST)")
        .contains("receipt       SUCCESS");
    assertThat(node.last().rawQuery()).isNull();
  }

  @Test
  void aPendingTransactionIsNotAFailure() {
    node.json("GET", path(), 200, "{\"txId\":\"" + tx.txId().hex() + "\",\"status\":\"pending\"}");

    CliRun run = get("--json");

    assertThat(run.exit()).isZero();
    assertThat(run.json().path("status").asText()).isEqualTo("pending");
  }

  @Test
  void anUnknownTransactionExitsWith1WithTheProblem() {
    node.problem("GET", path(), 404, "unknown-transaction", "neither pending nor committed");

    CliRun run = get();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: unknown-transaction (HTTP 404): neither pending nor committed");
  }

  @Test
  void aFailedTransactionExitsWith1() {
    node.json("GET", path(), 200, chain.committed(tx, chain.block(tx, 4, false), false).toString());

    CliRun run = get();

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("error         unauthorised: key 'a' belongs");
    assertThat(run.err()).contains("transaction failed: unauthorised");
  }

  @Test
  void proofIsPrintedWithJson() {
    node.json("GET", path(), 200, chain.committed(tx, chain.block(tx, 4, true), true).toString());

    CliRun run = get("--proof", "--json");

    assertThat(run.exit()).isZero();
    assertThat(node.last().rawQuery()).isEqualTo("proof=true");
    assertThat(run.json().path("proof").path("header").isTextual()).isTrue();
    assertThat(run.json().has("verification")).isFalse();
  }

  @Test
  void verifiesTheProofOfflineAgainstTheGenesis() {
    node.json("GET", path(), 200, chain.committed(tx, chain.block(tx, 4, true), true).toString());

    CliRun human = get("--verify-with", chain.genesisFile.toString());
    CliRun json = get("--verify-with", chain.genesisFile.toString(), "--json");

    assertThat(human.exit()).as(human.err()).isZero();
    assertThat(node.last().rawQuery()).isEqualTo("proof=true");
    assertThat(human.out())
        .contains("Verified offline against " + chain.genesisFile)
        .contains("signed by     client@org1 of org1")
        .contains("certified by  node1");
    assertThat(json.exit()).isZero();
    assertThat(json.json().at("/verification/verified").asBoolean()).isTrue();
    assertThat(json.json().at("/verification/height").asLong()).isEqualTo(4);
    assertThat(json.json().at("/verification/txId").asText()).isEqualTo(tx.txId().hex());
  }

  @Test
  void aTamperedProofDoesNotVerify() {
    ObjectNode doc = chain.committed(tx, chain.block(tx, 4, true), true);
    Transaction other = chain.transaction("{\"key\":\"b\"}");
    ((ObjectNode) doc.get("proof"))
        .put("transaction", java.util.Base64.getEncoder().encodeToString(other.encoded()));
    node.json("GET", path(), 200, doc.toString());

    CliRun run = get("--verify-with", chain.genesisFile.toString(), "--json");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().at("/verification/verified").asBoolean()).isFalse();
    assertThat(run.err()).contains("not verified against").contains("not in the block's tx root");
  }

  @Test
  void aNodeThatClaimsAnotherBlockThanItProvesIsCaught() {
    ObjectNode doc = chain.committed(tx, chain.block(tx, 4, true), true);
    doc.put("height", 9);
    node.json("GET", path(), 200, doc.toString());

    CliRun run = get("--verify-with", chain.genesisFile.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the node says block 9").contains("the proof shows block 4");
  }

  @Test
  void aPendingTransactionCannotBeVerified() {
    node.json("GET", path(), 200, "{\"txId\":\"" + tx.txId().hex() + "\",\"status\":\"pending\"}");

    CliRun run = get("--verify-with", chain.genesisFile.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("still pending");
  }
}
