package org.chancery.core.proof;

import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.Receipt;
import org.chancery.core.tx.Transaction;

/**
 * What a valid {@link TransactionProof} establishes.
 *
 * @param transaction the committed transaction
 * @param receipt its receipt
 * @param header the header of the block that holds it, certified by the validators
 * @param index its position in the block
 */
public record VerifiedTransaction(
    Transaction transaction, Receipt receipt, BlockHeader header, long index) {}
