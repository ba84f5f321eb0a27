package org.chancery.ledger.chain;

/** A stored chain that fails verification at a block. */
public final class ChainCorruptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long height;

  public ChainCorruptException(long height, String problem) {
    super("block " + height + ": " + problem);
    this.height = height;
  }

  /** The first block that failed. */
  public long height() {
    return height;
  }
}
