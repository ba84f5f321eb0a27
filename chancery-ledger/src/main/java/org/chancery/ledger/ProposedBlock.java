package org.chancery.ledger;

import java.util.List;
import org.chancery.core.block.Block;
import org.chancery.core.block.Receipt;
import org.chancery.ledger.state.WorldState;

/**
 * A block that has been executed but not committed: the block, its receipts and the state version
 * it produces. Committing it needs a commit certificate.
 *
 * @param block the block with its header's roots filled in
 * @param receipts one per transaction
 * @param state the prepared state version
 */
public record ProposedBlock(Block block, List<Receipt> receipts, WorldState.Prepared state) {
  public ProposedBlock {
    receipts = List.copyOf(receipts);
  }
}
