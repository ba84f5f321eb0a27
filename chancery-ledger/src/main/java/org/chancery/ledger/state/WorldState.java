package org.chancery.ledger.state;

import java.util.List;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.contract.ContractContext.StateEntry;
import org.chancery.core.state.StateProof;
import org.chancery.ledger.store.LedgerDatabase;

/**
 * The authenticated world state: every contract's key-value pairs, committed once per block, with a
 * root that the block header carries and that proofs verify against.
 *
 * <p>Lifecycle of a block: execution collects {@link StateChanges}; {@link #prepare} computes the
 * resulting root without writing (a BFT validator may discard it if the block is not decided);
 * {@link Prepared#writeTo} adds the state's writes to the block's one atomic batch; after the batch
 * is committed, {@link #committed} makes the new version the latest.
 *
 * <p>Implementations are thread-safe for reads; {@code prepare}/{@code committed} are called by one
 * thread at a time, in height order.
 */
public interface WorldState {

  /** Height of the latest committed block (0 before the first block). */
  long version();

  /** The root at {@link #version()}. */
  Bytes root();

  /** The latest committed value of {@code key}. */
  Optional<byte[]> get(StateKey key);

  /**
   * Latest committed entries of {@code contract} with {@code fromInclusive <= key < toExclusive} in
   * key order, at most {@code limit}; {@code toExclusive} null for no upper bound.
   */
  List<StateEntry> range(String contract, String fromInclusive, String toExclusive, int limit);

  /**
   * Computes the state that applying {@code changes} to the latest committed state gives, as
   * version {@code height}, without writing anything.
   *
   * @throws IllegalStateException if {@code height != version() + 1}
   */
  Prepared prepare(StateChanges changes, long height);

  /** Makes a prepared version, whose batch has been committed, the latest. */
  void committed(Prepared prepared);

  /**
   * Proves what {@code key} holds (or that it holds nothing) in the state after block {@code
   * height}; the proof verifies against that block's state root with no node.
   *
   * @throws HistoricalStateUnavailableException if {@code height} is outside the versions kept
   */
  StateProof prove(StateKey key, long height);

  /** A computed but not yet committed state version. */
  interface Prepared {
    long height();

    /** The root the header must carry. */
    Bytes root();

    /** Adds every write of this version (values, tree nodes, bookkeeping) to {@code batch}. */
    void writeTo(LedgerDatabase.Batch batch);
  }
}
