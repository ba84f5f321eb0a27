package org.chancery.ledger.state;

import java.nio.file.Path;
import java.util.Map;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.store.LedgerDatabase;

/**
 * A {@link SparseMerkleState} over a real RocksDB database in a directory, committing blocks the
 * way a node does: prepare, add to the block's batch, commit the batch, mark committed.
 */
final class StateHarness implements AutoCloseable {
  final Path dir;
  final CryptoSuite suite;
  LedgerDatabase db;
  SparseMerkleState state;

  private final int cachedNodes;

  StateHarness(Path dir, CryptoSuite suite, long retainVersions) {
    this(dir, suite, retainVersions, SparseMerkleState.DEFAULT_CACHED_NODES);
  }

  StateHarness(Path dir, CryptoSuite suite, long retainVersions, int cachedNodes) {
    this.dir = dir;
    this.suite = suite;
    this.cachedNodes = cachedNodes;
    this.db = LedgerDatabase.open(dir);
    this.state = new SparseMerkleState(db, suite, retainVersions, cachedNodes);
  }

  /** Commits {@code changes} as the next block. */
  SparseMerkleState.PreparedVersion commit(StateChanges changes) {
    SparseMerkleState.PreparedVersion next = state.prepare(changes, state.version() + 1);
    try (LedgerDatabase.Batch batch = db.newBatch()) {
      next.writeTo(batch);
      db.commit(batch);
    }
    state.committed(next);
    return next;
  }

  /** Closes the database and opens it again, as a restarted node would. */
  void reopen(long retainVersions) {
    db.close();
    db = LedgerDatabase.open(dir);
    state = new SparseMerkleState(db, suite, retainVersions, cachedNodes);
  }

  /** Prunes until nothing is left, in steps of {@code chunk}; returns the records deleted. */
  int pruneAll(int chunk) {
    int total = 0;
    for (int n = state.pruneStep(chunk); n > 0; n = state.pruneStep(chunk)) {
      total += n;
    }
    return total;
  }

  static StateChanges changes(Map<StateKey, byte[]> puts) {
    StateChanges c = new StateChanges();
    puts.forEach(c::put);
    return c;
  }

  @Override
  public void close() {
    db.close();
  }
}
