package org.chancery.ledger.mempool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.core.Bytes;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.Transaction;

/**
 * Admitted transactions waiting for a block, in arrival order, bounded by count and bytes: when
 * full, new submissions are refused ({@link MempoolFullException}) rather than growing the heap.
 * Thread-safe.
 *
 * <pre>{@code
 * Mempool pool = new Mempool(admission, 10_000, 64L << 20);
 * Transaction tx = pool.submit(encoded);
 * List<Transaction> next = pool.peekBatch(2000, 4 << 20);
 * }</pre>
 */
public final class Mempool {
  private final TransactionAdmission admission;
  private final int maxTransactions;
  private final long maxBytes;
  private final LinkedHashMap<Bytes, Transaction> pending = new LinkedHashMap<>();
  private long bytes;

  public Mempool(TransactionAdmission admission, int maxTransactions, long maxBytes) {
    this.admission = admission;
    this.maxTransactions = maxTransactions;
    this.maxBytes = maxBytes;
  }

  /**
   * Admits and queues an encoded transaction.
   *
   * @throws InvalidTransactionException if admission rejects it, or code {@code duplicate} if it is
   *     already pending
   * @throws MempoolFullException if the mempool is at its bound
   */
  public Transaction submit(byte[] encoded) {
    Transaction tx = admission.admit(encoded);
    synchronized (this) {
      if (pending.containsKey(tx.txId())) {
        throw new InvalidTransactionException(
            "duplicate", "transaction " + tx.txId().hex() + " is already pending");
      }
      if (pending.size() >= maxTransactions || bytes + tx.size() > maxBytes) {
        throw new MempoolFullException(
            "mempool is full ("
                + pending.size()
                + " transactions, "
                + bytes
                + " bytes); retry later");
      }
      pending.put(tx.txId(), tx);
      bytes += tx.size();
    }
    return tx;
  }

  /** The oldest pending transactions, at most {@code maxCount} and {@code maxBytes} in total. */
  public synchronized List<Transaction> peekBatch(int maxCount, long maxBatchBytes) {
    List<Transaction> out = new ArrayList<>(Math.min(maxCount, pending.size()));
    long size = 0;
    for (Transaction tx : pending.values()) {
      if (out.size() >= maxCount || size + tx.size() > maxBatchBytes) {
        break;
      }
      out.add(tx);
      size += tx.size();
    }
    return out;
  }

  /** Drops transactions that were committed or can no longer be. */
  public synchronized void remove(Collection<Bytes> txIds) {
    for (Bytes id : txIds) {
      Transaction tx = pending.remove(id);
      if (tx != null) {
        bytes -= tx.size();
      }
    }
  }

  /** Drops every pending transaction for which {@code stale} is true; returns how many. */
  public synchronized int removeIf(java.util.function.Predicate<Transaction> stale) {
    int n = 0;
    for (Iterator<Map.Entry<Bytes, Transaction>> it = pending.entrySet().iterator();
        it.hasNext(); ) {
      Transaction tx = it.next().getValue();
      if (stale.test(tx)) {
        it.remove();
        bytes -= tx.size();
        n++;
      }
    }
    return n;
  }

  public synchronized boolean contains(Bytes txId) {
    return pending.containsKey(txId);
  }

  public synchronized int size() {
    return pending.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public int capacity() {
    return maxTransactions;
  }
}
