package org.chancery.ledger.chain;

/**
 * Where a committed transaction is.
 *
 * @param height the block's height
 * @param index its position in the block
 */
public record TxLocation(long height, int index) {}
