package org.chancery.node.bft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.chancery.network.Channel;
import org.chancery.network.PeerNetwork;

/**
 * Sends transactions this node admitted from its clients to every peer, in batches: one message per
 * {@link #FLUSH_MILLIS} or per {@link #MAX_BATCH} transactions, whichever comes first, so that a
 * busy node sends few large messages rather than many small ones. Transactions received by gossip
 * are not gossiped again: every node is connected to every other, so the admitting node's one
 * broadcast reaches each mempool once.
 */
final class TransactionGossip implements AutoCloseable {
  static final long FLUSH_MILLIS = 5;
  static final int MAX_BATCH = 512;
  private static final long MAX_BATCH_BYTES = 2L * 1024 * 1024;

  private final Supplier<PeerNetwork> network;
  private final ScheduledExecutorService timer;
  private List<byte[]> pending = new ArrayList<>();
  private long pendingBytes;
  private ScheduledFuture<?> flusher;

  TransactionGossip(Supplier<PeerNetwork> network, ScheduledExecutorService timer) {
    this.network = network;
    this.timer = timer;
  }

  void start() {
    flusher =
        timer.scheduleWithFixedDelay(
            this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Queues one encoded transaction for the next batch. */
  void add(byte[] encoded) {
    boolean full;
    synchronized (this) {
      pending.add(encoded);
      pendingBytes += encoded.length;
      full = pending.size() >= MAX_BATCH || pendingBytes >= MAX_BATCH_BYTES;
    }
    if (full) {
      flush();
    }
  }

  void flush() {
    List<byte[]> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      batch = pending;
      pending = new ArrayList<>();
      pendingBytes = 0;
    }
    PeerNetwork net = network.get();
    if (net != null) {
      net.broadcast(Channel.TRANSACTIONS, WireCodec.encodeTransactions(batch));
    }
  }

  @Override
  public void close() {
    if (flusher != null) {
      flusher.cancel(false);
    }
    flush();
  }
}
