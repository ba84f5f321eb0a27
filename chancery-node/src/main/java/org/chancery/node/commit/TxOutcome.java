package org.chancery.node.commit;

import org.chancery.core.Bytes;
import org.chancery.core.block.Receipt;

/**
 * Where and how a transaction was committed.
 *
 * @param txId the transaction
 * @param height its block's height
 * @param index its position in the block
 * @param blockHash its block's hash
 * @param receipt its receipt
 */
public record TxOutcome(Bytes txId, long height, int index, Bytes blockHash, Receipt receipt) {}
