package org.chancery.contracts.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.chancery.core.Bytes;
import org.chancery.core.block.Receipt;
import org.chancery.core.contract.ContractContext.StateEntry;
import org.chancery.core.contract.Sender;
import org.chancery.core.evidence.EvidenceLimits;
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

/**
 * The evidence contract on the real execution engine and state, one block per {@link #block} call,
 * with each transaction's sender chosen by the test.
 */
final class EvidenceChain implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One call: who signs it and what it asks. */
  record Call(String org, String member, String method, String args) {}

  final CryptoSuite suite;
  private final EcKeyPair key;
  private final Path dir;
  private final boolean ownsDir;
  private final LedgerDatabase db;
  private final SparseMerkleState state;
  private final ExecutionEngine engine;
  private final Map<Bytes, Sender> senders = new HashMap<>();
  private final List<Transaction> lastBlock = new ArrayList<>();
  private long height;

  EvidenceChain(CryptoSuite suite, EvidenceLimits limits, Path dir) {
    this(suite, limits, dir, false);
  }

  private EvidenceChain(CryptoSuite suite, EvidenceLimits limits, Path dir, boolean ownsDir) {
    this.suite = suite;
    this.key = suite.generateKeyPair();
    this.dir = dir;
    this.ownsDir = ownsDir;
    this.db = LedgerDatabase.open(dir);
    this.state = new SparseMerkleState(db, suite, 10);
    this.engine =
        new ExecutionEngine(
            suite,
            List.of(new EvidenceContract(limits)),
            ExecutionLimits.defaults(),
            tx -> senders.get(tx.txId()));
  }

  /** A chain in a fresh temporary directory, deleted by {@link #close()}. */
  static EvidenceChain temporary(CryptoSuite suite, EvidenceLimits limits) {
    try {
      return new EvidenceChain(suite, limits, Files.createTempDirectory("evidence-chain"), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long height() {
    return height;
  }

  Instant time(long h) {
    return T0.plusSeconds(h);
  }

  /** The transactions of the last block, in order. */
  List<Transaction> lastTransactions() {
    return List.copyOf(lastBlock);
  }

  Receipt run(String method, String args) {
    return block(List.of(new Call("org1", "clerk", method, args))).get(0);
  }

  /** Executes and commits one block of {@code calls}. */
  List<Receipt> block(List<Call> calls) {
    List<Transaction> txs = new ArrayList<>();
    for (Call c : calls) {
      byte[] nonce = new byte[16];
      RANDOM.nextBytes(nonce);
      Transaction tx =
          Transaction.sign(
              new TxBody(
                  "c",
                  Bytes.of(nonce),
                  T0,
                  c.org(),
                  Bytes.of(new byte[] {1}),
                  EvidenceContract.NAME,
                  c.method(),
                  c.args()),
              key.privateKey(),
              suite);
      senders.put(
          tx.txId(), new Sender(c.org(), MemberRole.CLIENT, c.member(), Bytes.of(new byte[] {1})));
      txs.add(tx);
    }
    height++;
    BlockExecution ex = engine.execute(state, height, time(height), txs);
    WorldState.Prepared v = state.prepare(ex.changes(), height);
    try (LedgerDatabase.Batch batch = db.newBatch()) {
      v.writeTo(batch);
      db.commit(batch);
    }
    state.committed(v);
    lastBlock.clear();
    lastBlock.addAll(txs);
    return ex.receipts();
  }

  /** Every key the contract has written, for checking that a failed call wrote nothing. */
  List<String> keys() {
    return state.range(EvidenceContract.NAME, "", null, 100_000).stream()
        .map(StateEntry::key)
        .toList();
  }

  EvidenceQueries queries() {
    return new EvidenceQueries(
        new EvidenceQueries.StateView() {
          @Override
          public Optional<byte[]> get(String k) {
            return state.get(new StateKey(EvidenceContract.NAME, k));
          }

          @Override
          public List<StateEntry> range(String from, String to, int limit) {
            return state.range(EvidenceContract.NAME, from, to, limit);
          }
        },
        suite.hashLength());
  }

  @Override
  public void close() {
    db.close();
    if (ownsDir) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
