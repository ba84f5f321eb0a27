package org.chancery.ledger.mempool;

/** The mempool is at its bound; the client should retry later (HTTP 503). */
public final class MempoolFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MempoolFullException(String message) {
    super(message);
  }

  public String code() {
    return "mempool-full";
  }
}
