package org.chancery.contracts.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Receipt;
import org.chancery.core.contract.Sender;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.ledger.exec.BlockExecution;
import org.chancery.ledger.exec.ExecutionEngine;
import org.chancery.ledger.exec.ExecutionLimits;
import org.chancery.ledger.state.SparseMerkleState;
import org.chancery.ledger.state.StateKey;
import org.chancery.ledger.state.WorldState;
import org.chancery.ledger.store.LedgerDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kv contract executed by the real engine over the real state. */
class KvContractTest {
  private static final CryptoSuite SM = CryptoSuite.byName("sm");
  private static final EcKeyPair KEY = SM.generateKeyPair();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  LedgerDatabase db;
  SparseMerkleState state;
  ExecutionEngine engine;
  long height;

  @BeforeEach
  void open() {
    db = LedgerDatabase.open(dir);
    state = new SparseMerkleState(db, SM, 10);
    engine =
        new ExecutionEngine(
            SM,
            List.of(new KvContract()),
            ExecutionLimits.defaults(),
            tx ->
                new Sender(
                    tx.body().creatorOrg(),
                    MemberRole.CLIENT,
                    "clerk@" + tx.body().creatorOrg(),
                    tx.body().creatorCertificate()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Receipt run(String org, String method, String args) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    Transaction tx =
        Transaction.sign(
            new TxBody(
                "c",
                Bytes.of(nonce),
                Instant.EPOCH,
                org,
                Bytes.of(new byte[] {1}),
                "kv",
                method,
                args),
            KEY.privateKey(),
            SM);
    height++;
    BlockExecution ex =
        engine.execute(
            state, height, Instant.parse("2026-03-01T00:00:00Z").plusSeconds(height), List.of(tx));
    WorldState.Prepared v = state.prepare(ex.changes(), height);
    try (LedgerDatabase.Batch batch = db.newBatch()) {
      v.writeTo(batch);
      db.commit(batch);
    }
    state.committed(v);
    return ex.receipts().get(0);
  }

  private JsonNode stored(String key) throws Exception {
    return JSON.readTree(state.get(new StateKey("kv", key)).orElseThrow());
  }

  @Test
  void putStoresTheValueWithOwnerVersionAndTime() throws Exception {
    Receipt r = run("org1", "put", "{\"key\":\"permit/1\",\"value\":{\"holder\":\"Han Meimei\"}}");
    assertThat(r.status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(r.result()).isEqualTo("{\"key\":\"permit/1\",\"version\":1}");
    JsonNode s = stored("permit/1");
    assertThat(s.path("owner").asText()).isEqualTo("org1");
    assertThat(s.path("version").asLong()).isEqualTo(1);
    assertThat(s.path("value").path("holder").asText()).isEqualTo("Han Meimei");
    assertThat(s.path("updatedBy").asText()).isEqualTo("clerk@org1");
    assertThat(s.path("updatedAt").asText()).isEqualTo("2026-03-01T00:00:01Z");
  }

  @Test
  void theOwnerMayUpdateAndDeleteButNobodyElse() throws Exception {
    run("org1", "put", "{\"key\":\"k\",\"value\":1}");
    Receipt foreign = run("org2", "put", "{\"key\":\"k\",\"value\":2}");
    assertThat(foreign.errorCode()).isEqualTo("unauthorised");
    assertThat(run("org2", "delete", "{\"key\":\"k\"}").errorCode()).isEqualTo("unauthorised");
    assertThat(run("org1", "put", "{\"key\":\"k\",\"value\":3}").result())
        .contains("\"version\":2");
    assertThat(stored("k").path("value").asInt()).isEqualTo(3);
    assertThat(run("org1", "delete", "{\"key\":\"k\"}").status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(state.get(new StateKey("kv", "k"))).isEmpty();
  }

  @Test
  void badArgumentsAreRejectedWithCodes() {
    assertThat(run("org1", "put", "not json").errorCode()).isEqualTo("invalid-arguments");
    assertThat(run("org1", "put", "[1]").errorCode()).isEqualTo("invalid-arguments");
    assertThat(run("org1", "put", "{\"value\":1}").errorCode()).isEqualTo("invalid-arguments");
    assertThat(run("org1", "put", "{\"key\":\"\",\"value\":1}").errorCode())
        .isEqualTo("invalid-arguments");
    assertThat(run("org1", "put", "{\"key\":\"k\"}").errorCode()).isEqualTo("invalid-arguments");
    assertThat(run("org1", "delete", "{\"key\":\"absent\"}").errorCode()).isEqualTo("not-found");
    assertThat(run("org1", "get", "{\"key\":\"k\"}").errorCode()).isEqualTo("unknown-method");
  }
}
