package org.chancery.node.commit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.Receipt;

/**
 * Lets API requests wait for their transaction to be committed ({@code ?wait=commit}). Only pending
 * transactions can be awaited, so the number of waiters is bounded by the mempool.
 */
public final class CommitNotifier {
  private final Map<Bytes, CompletableFuture<TxOutcome>> waiting = new ConcurrentHashMap<>();

  /** A future completed when {@code txId} is committed. Call {@link #forget} on timeout. */
  public CompletableFuture<TxOutcome> await(Bytes txId) {
    return waiting.computeIfAbsent(txId, k -> new CompletableFuture<>());
  }

  /** Stops waiting for {@code txId}. */
  public void forget(Bytes txId) {
    waiting.remove(txId);
  }

  /** Completes the futures of a committed block's transactions. */
  public void committed(Block block, List<Receipt> receipts) {
    if (waiting.isEmpty()) {
      return;
    }
    for (int i = 0; i < receipts.size(); i++) {
      Bytes id = block.transactions().get(i).txId();
      CompletableFuture<TxOutcome> f = waiting.remove(id);
      if (f != null) {
        f.complete(new TxOutcome(id, block.height(), i, block.hash(), receipts.get(i)));
      }
    }
  }

  /** Number of requests waiting. */
  public int size() {
    return waiting.size();
  }
}
