package org.chancery.ledger.store;

/**
 * The node's database failed: a disk error, a corrupt file, or a database another process holds.
 * The node cannot continue safely and should stop; its data is as of the last committed block.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
