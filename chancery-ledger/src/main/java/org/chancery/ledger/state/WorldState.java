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
 * thread at a time, in height order. {@code prepareAfter} of the version after a pending one may
 * run on another thread while that one is committed.
 */
public interface WorldState extends StateReader {

  /** Height of the latest committed block (0 before the first block). */
  long version();

  /** The root at {@link #version()}. */
  Bytes root();

  /** The latest committed value of {@code key}. */
  @Override
  Optional<byte[]> get(StateKey key);

  /**
   * Latest committed entries of {@code contract} with {@code fromInclusive <= key < toExclusive} in
   * key order, at most {@code limit}; {@code toExclusive} null for no upper bound.
   */
  @Override
  List<StateEntry> range(String contract, String fromInclusive, String toExclusive, int limit);

  /**
   * Computes the state that applying {@code changes} to the latest committed state gives, as
   * version {@code height}, without writing anything.
   *
   * @throws IllegalStateException if {@code height != version() + 1}
   */
  Prepared prepare(StateChanges changes, long height);

  /**
   * Computes the version after {@code parent}, which this state prepared and which may not be
   * committed yet: lets a block execute while its parent's batch is still being written. {@code
   * parent} must be the latest committed version or prepared on top of it (one version in flight at
   * most); the result is committed after it.
   *
   * @throws IllegalStateException if {@code height != parent.height() + 1}, or {@code parent} is
   *     neither the latest committed version nor the one after it
   */
  Prepared prepareAfter(Prepared parent, StateChanges changes, long height);

  /**
   * What the execution of the block after {@code parent} reads: the committed state with {@code
   * parent}'s changes on top (they may be committed meanwhile; reading them twice is harmless).
   */
  StateReader readerAfter(Prepared parent);

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
