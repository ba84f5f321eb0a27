package org.chancery.ledger.exec;

import java.util.List;
import org.chancery.core.block.Receipt;
import org.chancery.ledger.state.StateChanges;

/**
 * The result of executing a block's transactions: one receipt per transaction and the net state
 * changes of the successful ones.
 *
 * @param receipts in transaction order
 * @param changes what the block changes in the world state
 */
public record BlockExecution(List<Receipt> receipts, StateChanges changes) {
  public BlockExecution {
    receipts = List.copyOf(receipts);
  }
}
