package org.chancery.ledger.state;

import java.util.List;
import java.util.Optional;
import org.chancery.core.contract.ContractContext.StateEntry;

/**
 * Read access to one state version: what the execution of a block sees. The committed {@link
 * WorldState} is one; {@link WorldState#readerAfter} gives the version a not yet committed block
 * leaves, so the next block can execute while that one is still being written.
 */
public interface StateReader {

  /** The value of {@code key} in this version. */
  Optional<byte[]> get(StateKey key);

  /**
   * Entries of {@code contract} with {@code fromInclusive <= key < toExclusive} in key order (UTF-8
   * byte order), at most {@code limit}; {@code toExclusive} null for no upper bound.
   */
  List<StateEntry> range(String contract, String fromInclusive, String toExclusive, int limit);
}
