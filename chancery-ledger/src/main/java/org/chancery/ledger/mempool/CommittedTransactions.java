package org.chancery.ledger.mempool;

import org.chancery.core.Bytes;

/** Whether a transaction id is already on chain; the block store's index answers it. */
@FunctionalInterface
public interface CommittedTransactions {
  boolean isCommitted(Bytes txId);
}
