package org.chancery.consensus.wal;

import java.util.List;

/**
 * The validator's durable record of every proposal and vote it signed, written before the message
 * leaves the process, so that after a crash it can never sign a conflicting message for the same
 * height, round and step (see {@link GuardedSigner}). Implementations: a file-backed log for the
 * node, an in-memory one with crash injection for the simulator.
 */
public interface ConsensusWal extends AutoCloseable {

  /**
   * Appends an entry and returns only once it is durable (synced to disk for a file log).
   *
   * @throws WalException if it cannot be made durable; the caller must then not send the message
   */
  void append(WalEntry entry);

  /** Every entry with {@code height >= fromHeight}, in append order. */
  List<WalEntry> entriesFrom(long fromHeight);

  /** Forgets entries below {@code height}, for example once a block is committed. */
  void truncateBelow(long height);

  @Override
  void close();
}
