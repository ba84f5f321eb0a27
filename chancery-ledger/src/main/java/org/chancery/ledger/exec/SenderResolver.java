package org.chancery.ledger.exec;

import org.chancery.core.contract.Sender;
import org.chancery.core.tx.Transaction;

/**
 * Tells who signed a transaction. Admission has already validated the creator's certificate; this
 * only reads organisation, role and name from it.
 */
@FunctionalInterface
public interface SenderResolver {
  Sender resolve(Transaction transaction);
}
