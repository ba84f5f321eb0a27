package org.chancery.consensus.wal;

import java.util.ArrayList;
import java.util.List;

/**
 * A WAL kept in memory: it survives a simulated crash of the validator that uses it (the simulator
 * keeps the instance and hands it to the restarted validator), not a real one. For tests and the
 * simulator; nodes use a file-backed WAL.
 */
public final class InMemoryWal implements ConsensusWal {
  private final List<WalEntry> entries = new ArrayList<>();

  @Override
  public synchronized void append(WalEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized List<WalEntry> entriesFrom(long fromHeight) {
    return entries.stream().filter(e -> e.height() >= fromHeight).toList();
  }

  @Override
  public synchronized void truncateBelow(long height) {
    entries.removeIf(e -> e.height() < height);
  }

  @Override
  public void close() {}
}
