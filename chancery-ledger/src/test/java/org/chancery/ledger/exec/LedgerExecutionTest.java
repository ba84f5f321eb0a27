package org.chancery.ledger.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.CanonicalVote;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Receipt;
import org.chancery.core.block.ValidatorSet;
import org.chancery.core.contract.Contract;
import org.chancery.core.contract.ContractContext;
import org.chancery.core.contract.ContractException;
import org.chancery.core.contract.Sender;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.ProposedBlock;
import org.chancery.ledger.chain.ChainVerifier;
import org.chancery.ledger.state.SparseMerkleState;
import org.chancery.ledger.state.StateKey;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.ledger.store.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Execution and commit through the {@link Ledger}, on real RocksDB and the real state tree. */
class LedgerExecutionTest {
  private static final CryptoSuite SM = CryptoSuite.byName("sm");
  private static final Bytes GENESIS = Bytes.of(new byte[32]);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final EcKeyPair VALIDATOR = SM.generateKeyPair();
  private static final EcKeyPair CLIENT = SM.generateKeyPair();
  private static final ValidatorSet VALIDATORS =
      new ValidatorSet(List.of(new ValidatorSet.Validator("v1", "org1", VALIDATOR.publicKey(), 1)));
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A contract whose methods exercise the engine: args are "key=value" or a key. */
  static final class ProbeContract implements Contract {
    @Override
    public String name() {
      return "probe";
    }

    @Override
    public String invoke(ContractContext ctx, String method, String args) {
      switch (method) {
        case "put" -> {
          String[] kv = args.split("=", 2);
          ctx.put(kv[0], kv[1].getBytes(StandardCharsets.UTF_8));
          ctx.emit("put", "{\"key\":\"" + kv[0] + "\"}");
          return "{\"by\":\"" + ctx.sender().organisation() + "\"}";
        }
        case "putThenFail" -> {
          ctx.put(args, new byte[] {1});
          ctx.emit("never", "{}");
          throw new ContractException("refused", "changed my mind");
        }
        case "putThenCrash" -> {
          ctx.put(args, new byte[] {1});
          throw new IllegalStateException("bug");
        }
        case "delete" -> {
          ctx.delete(args);
          return null;
        }
        case "readBack" -> {
          return ctx.get(args)
              .map(v -> "\"" + new String(v, StandardCharsets.UTF_8) + "\"")
              .orElse("null");
        }
        case "range" -> {
          StringBuilder sb = new StringBuilder();
          for (ContractContext.StateEntry e : ctx.range(args, null, 100)) {
            sb.append(e.key()).append(',');
          }
          return "\"" + sb + "\"";
        }
        case "huge" -> {
          ctx.put("huge", new byte[300 * 1024]);
          return null;
        }
        case "chatty" -> {
          for (int i = 0; i < 100; i++) {
            ctx.emit("e", "{}");
          }
          return null;
        }
        default -> throw new ContractException("unknown-method", method);
      }
    }
  }

  @TempDir Path dir;
  LedgerDatabase db;
  Ledger ledger;
  Instant clock = T0;

  @BeforeEach
  void open() {
    reopen();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void reopen() {
    if (db != null) {
      db.close();
    }
    db = LedgerDatabase.open(dir);
    ledger = ledger(GENESIS);
  }

  private Ledger ledger(Bytes genesis) {
    ExecutionEngine engine =
        new ExecutionEngine(
            SM,
            List.of(new ProbeContract()),
            ExecutionLimits.defaults(),
            tx -> new Sender("org1", MemberRole.CLIENT, "client", tx.body().creatorCertificate()));
    return new Ledger(
        db, SM, "c1", genesis, T0, VALIDATORS.hash(SM), new SparseMerkleState(db, SM, 100), engine);
  }

  private static Transaction tx(String method, String args) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return Transaction.sign(
        new TxBody(
            "c1", Bytes.of(nonce), T0, "org1", Bytes.of(new byte[] {1}), "probe", method, args),
        CLIENT.privateKey(),
        SM);
  }

  private List<Receipt> commit(Transaction... txs) {
    clock = clock.plusSeconds(1);
    ProposedBlock p = ledger.propose(List.of(txs), clock, "v1");
    byte[] vote = CanonicalVote.precommit("c1", p.block().height(), 0, p.block().hash());
    ledger.commit(
        p,
        new CommitCertificate(
            p.block().height(),
            0,
            p.block().hash(),
            List.of(
                new CommitCertificate.CommitSignature(
                    "v1", Bytes.of(SM.sign(VALIDATOR.privateKey(), vote))))));
    return p.receipts();
  }

  private String value(String key) {
    return ledger
        .state()
        .get(new StateKey("probe", key))
        .map(v -> new String(v, StandardCharsets.UTF_8))
        .orElse(null);
  }

  @Test
  void successfulTransactionWritesAndReportsEventsAndResult() {
    List<Receipt> r = commit(tx("put", "a=1"));
    assertThat(r.get(0).status()).isEqualTo(Receipt.Status.SUCCESS);
    assertThat(r.get(0).events()).extracting(e -> e.name()).containsExactly("put");
    assertThat(r.get(0).result()).isEqualTo("{\"by\":\"org1\"}");
    assertThat(value("a")).isEqualTo("1");
    assertThat(ledger.height()).isEqualTo(1);
  }

  @Test
  void failedTransactionWritesNothingAndEmitsNothing() {
    List<Receipt> r = commit(tx("putThenFail", "b"), tx("putThenCrash", "c"));
    assertThat(r.get(0).status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.get(0).errorCode()).isEqualTo("refused");
    assertThat(r.get(0).events()).isEmpty();
    assertThat(r.get(1).errorCode()).isEqualTo("contract-error");
    assertThat(value("b")).isNull();
    assertThat(value("c")).isNull();
  }

  @Test
  void laterTransactionsSeeEarlierWritesOfTheSameBlock() {
    List<Receipt> r =
        commit(tx("put", "k=v1"), tx("readBack", "k"), tx("delete", "k"), tx("readBack", "k"));
    assertThat(r.get(1).result()).isEqualTo("\"v1\"");
    assertThat(r.get(3).result()).isEqualTo("null");
    assertThat(value("k")).isNull();
  }

  @Test
  void rangeMergesCommittedAndPendingWritesInKeyOrder() {
    commit(tx("put", "r/1=a"), tx("put", "r/3=c"), tx("put", "s/1=x"));
    List<Receipt> r = commit(tx("put", "r/2=b"), tx("delete", "r/3"), tx("range", "r/"));
    assertThat(r.get(2).result()).isEqualTo("\"r/1,r/2,s/1,\"");
  }

  @Test
  void limitsFailTheTransaction() {
    List<Receipt> r = commit(tx("huge", ""), tx("chatty", ""));
    assertThat(r.get(0).errorCode()).isEqualTo("limit-exceeded");
    assertThat(r.get(1).errorCode()).isEqualTo("limit-exceeded");
    assertThat(value("huge")).isNull();
  }

  @Test
  void unknownContractAndMethodFailDeterministically() {
    byte[] nonce = new byte[16];
    Transaction other =
        Transaction.sign(
            new TxBody(
                "c1", Bytes.of(nonce), T0, "org1", Bytes.of(new byte[] {1}), "nobody", "m", "{}"),
            CLIENT.privateKey(),
            SM);
    List<Receipt> r = commit(other, tx("nope", ""));
    assertThat(r.get(0).errorCode()).isEqualTo("unknown-contract");
    assertThat(r.get(1).errorCode()).isEqualTo("unknown-method");
  }

  @Test
  void headerCommitsToTheStateAndTheChainVerifiesAfterReopening() {
    commit(tx("put", "x=1"));
    commit(tx("put", "y=2"), tx("putThenFail", "z"));
    commit();
    Bytes root = ledger.state().root();
    assertThat(ledger.blocks().header(3).orElseThrow().stateRoot()).isEqualTo(root);
    reopen();
    assertThat(ledger.height()).isEqualTo(3);
    assertThat(ledger.state().root()).isEqualTo(root);
    assertThat(value("y")).isEqualTo("2");
    assertThat(new ChainVerifier(SM, "c1", VALIDATORS).verify(ledger.blocks(), GENESIS))
        .isEqualTo(3);
  }

  @Test
  void anUncommittedProposalLeavesNoTrace() {
    commit(tx("put", "p=1"));
    Bytes root = ledger.state().root();
    ProposedBlock discarded = ledger.propose(List.of(tx("put", "p=2")), clock.plusSeconds(1), "v1");
    assertThat(discarded.state().root()).isNotEqualTo(root);
    reopen();
    assertThat(value("p")).isEqualTo("1");
    assertThat(ledger.state().root()).isEqualTo(root);
    assertThat(ledger.height()).isEqualTo(1);
  }

  @Test
  void blockTimeMustIncrease() {
    commit(tx("put", "t=1"));
    assertThatThrownBy(() -> ledger.propose(List.of(), clock, "v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after the previous block");
  }

  @Test
  void certificateForAnotherBlockIsRefused() {
    ProposedBlock p = ledger.propose(List.of(tx("put", "q=1")), clock.plusSeconds(1), "v1");
    CommitCertificate wrong = new CommitCertificate(1, 0, Bytes.of(new byte[32]), List.of());
    assertThatThrownBy(() -> ledger.commit(p, wrong)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ledger.height()).isZero();
  }

  @Test
  void aDatabaseOfAnotherChainIsRefused() {
    commit(tx("put", "g=1"));
    assertThatThrownBy(() -> ledger(Bytes.of(new byte[] {9})))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("belongs to chain");
  }

  @Test
  void manyBlocksKeepTheChainConsistent() {
    List<Transaction> batch = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      batch.clear();
      for (int i = 0; i < 10; i++) {
        batch.add(tx("put", "m/" + (b * 7 + i) % 37 + "=" + b));
      }
      commit(batch.toArray(Transaction[]::new));
    }
    assertThat(new ChainVerifier(SM, "c1", VALIDATORS).verify(ledger.blocks(), GENESIS))
        .isEqualTo(20);
  }

  @Test
  void recentBlocksAreServedAsCommittedAndOlderOnesAsStoredAlike() {
    List<org.chancery.core.block.Block> committed = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      commit(tx("put", "recent/" + b + "=" + b));
      committed.add(ledger.blocks().block(ledger.height()).orElseThrow());
    }
    // The latest few are the committed objects themselves: no decoding, no re-hashing.
    assertThat(ledger.blocks().block(6).orElseThrow()).isSameAs(committed.get(5));
    // Older ones come from the database, and equal what was committed.
    org.chancery.core.block.Block first = ledger.blocks().block(1).orElseThrow();
    assertThat(first).isNotSameAs(committed.get(0));
    assertThat(first.encode()).isEqualTo(committed.get(0).encode());
    assertThat(ledger.blocks().blockHash(6)).contains(committed.get(5).hash());
    assertThat(ledger.blocks().header(6)).contains(committed.get(5).header());
    assertThat(ledger.blocks().block(7)).isEmpty();
    reopen();
    assertThat(ledger.blocks().block(6).orElseThrow().encode())
        .isEqualTo(committed.get(5).encode());
  }

  private CommitCertificate certify(ProposedBlock p) {
    byte[] vote = CanonicalVote.precommit("c1", p.block().height(), 0, p.block().hash());
    return new CommitCertificate(
        p.block().height(),
        0,
        p.block().hash(),
        List.of(
            new CommitCertificate.CommitSignature(
                "v1", Bytes.of(SM.sign(VALIDATOR.privateKey(), vote)))));
  }

  @Test
  void aBlockExecutedBeforeItsParentIsCommittedEqualsOneExecutedAfter(@TempDir Path other) {
    commit(tx("put", "pipe/a=1"), tx("put", "pipe/b=2"), tx("put", "pipe/c=3"));
    List<Transaction> first =
        List.of(tx("put", "pipe/a=10"), tx("delete", "pipe/b"), tx("put", "pipe/d=4"));
    List<Transaction> second =
        List.of(
            tx("readBack", "pipe/a"),
            tx("readBack", "pipe/b"),
            tx("range", "pipe/"),
            tx("put", "pipe/a=11"));
    Instant t1 = clock.plusSeconds(1);
    Instant t2 = clock.plusSeconds(2);

    // Pipelined: the second block executes on top of the first before the first is committed.
    ProposedBlock p1 = ledger.propose(first, t1, "v1");
    ProposedBlock p2 = ledger.proposeAfter(p1, second, t2, "v1");
    assertThat(ledger.height()).isEqualTo(1);
    ledger.commit(p1, certify(p1));
    ledger.commit(p2, certify(p2));

    // Sequential, on a second ledger with the same history.
    LedgerDatabase otherDb = LedgerDatabase.open(other);
    try {
      ExecutionEngine engine =
          new ExecutionEngine(
              SM,
              List.of(new ProbeContract()),
              ExecutionLimits.defaults(),
              tx ->
                  new Sender("org1", MemberRole.CLIENT, "client", tx.body().creatorCertificate()));
      Ledger sequential =
          new Ledger(
              otherDb,
              SM,
              "c1",
              GENESIS,
              T0,
              VALIDATORS.hash(SM),
              new SparseMerkleState(otherDb, SM, 100),
              engine);
      ProposedBlock s0 =
          sequential.propose(
              ledger.blocks().block(1).orElseThrow().transactions(),
              ledger.blocks().header(1).orElseThrow().timestamp(),
              "v1");
      sequential.commit(s0, certify(s0));
      ProposedBlock s1 = sequential.propose(first, t1, "v1");
      sequential.commit(s1, certify(s1));
      ProposedBlock s2 = sequential.propose(second, t2, "v1");
      sequential.commit(s2, certify(s2));

      assertThat(p1.block().hash()).isEqualTo(s1.block().hash());
      assertThat(p2.block().hash()).isEqualTo(s2.block().hash());
      assertThat(p2.receipts()).isEqualTo(s2.receipts());
      assertThat(sequential.state().root()).isEqualTo(ledger.state().root());
    } finally {
      otherDb.close();
    }
    assertThat(p2.receipts().get(0).result()).isEqualTo("\"10\"");
    assertThat(p2.receipts().get(1).result()).isEqualTo("null");
    assertThat(p2.receipts().get(2).result()).isEqualTo("\"pipe/a,pipe/c,pipe/d,\"");
    assertThat(value("pipe/a")).isEqualTo("11");
    reopen();
    assertThat(new ChainVerifier(SM, "c1", VALIDATORS).verify(ledger.blocks(), GENESIS))
        .isEqualTo(3);
  }

  @Test
  void proposingAfterACommittedParentIsProposingOnTheLatestBlock() {
    ProposedBlock p1 = ledger.propose(List.of(tx("put", "after/x=1")), clock.plusSeconds(1), "v1");
    ledger.commit(p1, certify(p1));

    ProposedBlock p2 =
        ledger.proposeAfter(p1, List.of(tx("readBack", "after/x")), clock.plusSeconds(2), "v1");

    assertThat(p2.receipts().get(0).result()).isEqualTo("\"1\"");
    ledger.commit(p2, certify(p2));
    assertThat(ledger.height()).isEqualTo(2);
  }

  @Test
  void onlyOneBlockMayBeInFlightAndTimeMustIncrease() {
    ProposedBlock p1 = ledger.propose(List.of(tx("put", "f/1=1")), clock.plusSeconds(1), "v1");
    ProposedBlock p2 = ledger.proposeAfter(p1, List.of(), clock.plusSeconds(2), "v1");

    assertThatThrownBy(() -> ledger.proposeAfter(p2, List.of(), clock.plusSeconds(3), "v1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("neither the latest committed block");
    assertThatThrownBy(() -> ledger.proposeAfter(p1, List.of(), clock.plusSeconds(1), "v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after the previous block");
  }
}
