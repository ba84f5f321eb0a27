package org.chancery.ledger.mempool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
 * List<Submission> results = pool.submitAll(encodedBatch, executor);
 * List<Transaction> next = pool.take(2000, 4 << 20); // into a block
 * pool.remove(ids);                                  // once it is committed
 * }</pre>
 */
public final class Mempool {
  /** Smallest slice of a batch worth handing to another thread. */
  private static final int MIN_SLICE = 16;

  /** More slices than cores only add scheduling; 64 covers any machine a node runs on. */
  private static final int MAX_SLICES = 64;

  private final TransactionAdmission admission;
  private final int maxTransactions;
  private final long maxBytes;

  /** Waiting for a block, oldest first. */
  private final LinkedHashMap<Bytes, Transaction> pending = new LinkedHashMap<>();

  /**
   * Taken into a block that is not committed yet: no longer offered for a block, but still pending
   * for everything else (a resubmission is a duplicate, a lookup says pending, they count against
   * the bounds) until {@link #remove} after the commit.
   */
  private final Map<Bytes, Transaction> taken = new HashMap<>();

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
      if (enqueue(tx) instanceof Submission.Rejected r) {
        if (r.code().equals("duplicate")) {
          throw new InvalidTransactionException(r.code(), r.message());
        }
        throw full();
      }
    }
    return tx;
  }

  /**
   * Admits a batch of encoded transactions. The checks, dominated by one signature verification
   * each, run in parallel on {@code parallel} in slices of at least {@value #MIN_SLICE}; the
   * accepted transactions then enter the mempool in batch order, so a client's order of, for
   * example, two writes to one key is kept. Never throws for a bad transaction: each gets its own
   * result, in the order of {@code encoded}. When the mempool fills up part way, the rest of the
   * batch is rejected with {@code mempool-full}.
   *
   * @param parallel runs the checks; the calling thread waits for them
   * @return one result per element of {@code encoded}, in the same order
   */
  public List<Submission> submitAll(List<byte[]> encoded, Executor parallel) {
    int n = encoded.size();
    Submission[] checked = new Submission[n];
    int slices = Math.max(1, Math.min(MAX_SLICES, n / MIN_SLICE));
    List<CompletableFuture<Void>> running = new ArrayList<>(slices);
    for (int s = 0; s < slices && slices > 1; s++) {
      int from = (int) ((long) n * s / slices);
      int to = (int) ((long) n * (s + 1) / slices);
      running.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = from; i < to; i++) {
                  checked[i] = check(encoded.get(i));
                }
              },
              parallel));
    }
    if (slices == 1) {
      // Too small to be worth another thread.
      for (int i = 0; i < n; i++) {
        checked[i] = check(encoded.get(i));
      }
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    List<Submission> out = new ArrayList<>(n);
    synchronized (this) {
      for (Submission c : checked) {
        out.add(c instanceof Submission.Accepted admitted ? enqueue(admitted.transaction()) : c);
      }
    }
    return out;
  }

  /** Admission's verdict; an accepted transaction is not yet in the mempool. */
  private Submission check(byte[] encoded) {
    Transaction tx = null;
    try {
      tx = admission.decode(encoded);
      admission.check(tx);
      return new Submission.Accepted(tx);
    } catch (InvalidTransactionException e) {
      return new Submission.Rejected(
          Optional.ofNullable(tx).map(Transaction::txId), e.code(), e.getMessage());
    }
  }

  /** Adds an admitted transaction; the caller holds the lock. */
  private Submission enqueue(Transaction tx) {
    Optional<Bytes> id = Optional.of(tx.txId());
    if (pending.containsKey(tx.txId()) || taken.containsKey(tx.txId())) {
      return new Submission.Rejected(
          id, "duplicate", "transaction " + tx.txId().hex() + " is already pending");
    }
    if (pending.size() + taken.size() >= maxTransactions || bytes + tx.size() > maxBytes) {
      MempoolFullException full = full();
      return new Submission.Rejected(id, full.code(), full.getMessage());
    }
    pending.put(tx.txId(), tx);
    bytes += tx.size();
    return new Submission.Accepted(tx);
  }

  private MempoolFullException full() {
    return new MempoolFullException(
        "mempool is full ("
            + (pending.size() + taken.size())
            + " transactions, "
            + bytes
            + " bytes); retry later");
  }

  /**
   * The oldest pending transactions not taken, at most {@code maxCount} and {@code maxBytes} in
   * total.
   */
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

  /**
   * Takes the oldest pending transactions, at most {@code maxCount} and {@code maxBytes} in total,
   * for a block that will be committed while later blocks are already being built: later calls skip
   * them, while they stay pending for duplicates, lookups and the bounds until {@link #remove} once
   * their block is committed.
   */
  public synchronized List<Transaction> take(int maxCount, long maxBatchBytes) {
    List<Transaction> out = peekBatch(maxCount, maxBatchBytes);
    for (Transaction tx : out) {
      taken.put(tx.txId(), pending.remove(tx.txId()));
    }
    return out;
  }

  /** Drops transactions that were committed or can no longer be, taken or not. */
  public synchronized void remove(Collection<Bytes> txIds) {
    for (Bytes id : txIds) {
      Transaction tx = pending.remove(id);
      if (tx == null) {
        tx = taken.remove(id);
      }
      if (tx != null) {
        bytes -= tx.size();
      }
    }
  }

  /**
   * Drops every pending transaction not taken for which {@code stale} is true; returns how many.
   */
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

  /** Whether {@code txId} is pending (taken into an uncommitted block or not). */
  public synchronized boolean contains(Bytes txId) {
    return pending.containsKey(txId) || taken.containsKey(txId);
  }

  /** Pending transactions, taken into an uncommitted block or not. */
  public synchronized int size() {
    return pending.size() + taken.size();
  }

  /** Pending transactions not taken: what the next block can hold. */
  public synchronized int available() {
    return pending.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public int capacity() {
    return maxTransactions;
  }
}
