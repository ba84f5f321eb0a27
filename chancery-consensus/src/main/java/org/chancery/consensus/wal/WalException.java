package org.chancery.consensus.wal;

/** The consensus WAL cannot record or read entries; the validator must stop signing. */
public final class WalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WalException(String message, Throwable cause) {
    super(message, cause);
  }

  public WalException(String message) {
    super(message);
  }
}
