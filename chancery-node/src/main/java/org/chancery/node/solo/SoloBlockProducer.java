package org.chancery.node.solo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.chancery.core.Bytes;
import org.chancery.core.block.CanonicalVote;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.ProposedBlock;
import org.chancery.ledger.mempool.Mempool;
import org.chancery.node.commit.CommitNotifier;
import org.chancery.node.metrics.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solo consensus: the one validator cuts a block when {@code maxBlockTxs} transactions wait or
 * {@code blockIntervalMs} has passed since the first of them arrived, executes it, signs the commit
 * certificate with its identity key and commits. Blocks are cut only when transactions wait.
 *
 * <p>Two threads form a pipeline one block deep: the producer executes block N+1 on the state block
 * N leaves ({@link Ledger#proposeAfter}) while the writer commits block N in its synced write, so
 * under load the disk's sync and the execution overlap instead of adding up. Blocks are committed
 * strictly in height order, each only after its parent; the transactions of a block in flight stay
 * pending in the mempool (so a resubmission is a duplicate) but are not offered to the next block.
 */
public final class SoloBlockProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SoloBlockProducer.class);

  private final Ledger ledger;
  private final Mempool mempool;
  private final CommitNotifier notifier;
  private final NodeMetrics metrics;
  private final ConsensusParameters params;
  private final Duration validityWindow;
  private final String nodeName;
  private final EcPrivateKey identityKey;
  private final Clock clock;
  private final Thread thread;
  private final ExecutorService writer;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /** The latest block proposed; committed, or being committed by {@link #writing}. */
  private ProposedBlock latest;

  /** The commit of {@link #latest}, or null before the first block. */
  private Future<?> writing;

  public SoloBlockProducer(
      Ledger ledger,
      Mempool mempool,
      CommitNotifier notifier,
      NodeMetrics metrics,
      ConsensusParameters params,
      Duration validityWindow,
      String nodeName,
      EcPrivateKey identityKey,
      Clock clock) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.notifier = notifier;
    this.metrics = metrics;
    this.params = params;
    this.validityWindow = validityWindow;
    this.nodeName = nodeName;
    this.identityKey = identityKey;
    this.clock = clock;
    this.thread = new Thread(this::run, "solo-block-producer");
    this.thread.setDaemon(true);
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "solo-block-writer");
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    thread.start();
  }

  /** Tells the producer that a transaction arrived; cheap enough to call on every submission. */
  public void wake() {
    LockSupport.unpark(thread);
  }

  /** The error that stopped block production, if any; the node is then unhealthy. */
  public Throwable failure() {
    return failure;
  }

  private void run() {
    // The first block comes one interval after start, like every later one.
    long lastBlock = System.nanoTime();
    try {
      while (running) {
        int size = mempool.available();
        if (size == 0) {
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
          continue;
        }
        long since = System.nanoTime() - lastBlock;
        long interval = TimeUnit.MILLISECONDS.toNanos(params.blockIntervalMs());
        // Under load a block follows the previous one as soon as the interval has passed, so the
        // block time adapts to the commit time; a lone transaction after a quiet spell longer
        // than the interval goes at once.
        if (size >= params.maxBlockTxs() || since >= interval) {
          lastBlock = System.nanoTime();
          cutBlock();
        } else {
          LockSupport.parkNanos(interval - since);
        }
      }
      awaitWriter();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("block production stopped: {}", e.toString(), e);
    }
  }

  private void cutBlock() throws InterruptedException {
    long started = System.nanoTime();
    Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant parent = latest == null ? ledger.lastTime() : latest.block().header().timestamp();
    if (!time.isAfter(parent)) {
      time = parent.plusMillis(1);
    }
    Instant blockTime = time;
    // Transactions that aged out of their validity window while waiting can no longer commit.
    int expired =
        mempool.removeIf(
            tx ->
                Duration.between(tx.body().timestamp(), blockTime).abs().compareTo(validityWindow)
                    > 0);
    if (expired > 0) {
      metrics.add("chancery_transactions_expired_total", expired);
    }
    List<Transaction> batch = mempool.take(params.maxBlockTxs(), params.maxBlockBytes());
    if (batch.isEmpty()) {
      return;
    }
    long executing = System.nanoTime();
    ProposedBlock proposed =
        latest == null
            ? ledger.propose(batch, blockTime, nodeName)
            : ledger.proposeAfter(latest, batch, blockTime, nodeName);
    metrics.time("chancery_block_execute_seconds", System.nanoTime() - executing);
    byte[] vote =
        CanonicalVote.precommit(
            ledger.chainId(), proposed.block().height(), 0, proposed.block().hash());
    CommitCertificate certificate =
        new CommitCertificate(
            proposed.block().height(),
            0,
            proposed.block().hash(),
            List.of(
                new CommitCertificate.CommitSignature(
                    nodeName, Bytes.of(ledger.suite().sign(identityKey, vote)))));
    // The parent must be durable before this block is written, and before the next one is
    // executed on top of this one: one block in flight at most.
    awaitWriter();
    latest = proposed;
    writing = writer.submit(() -> write(proposed, certificate, batch, started));
  }

  /** Waits for the block being written; rethrows its failure. */
  private void awaitWriter() throws InterruptedException {
    if (writing == null) {
      return;
    }
    try {
      writing.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("committing a block failed: " + e.getCause(), e.getCause());
    }
  }

  /** On the writer thread: the synced write, then what waits for it. */
  private void write(
      ProposedBlock proposed, CommitCertificate certificate, List<Transaction> batch, long cut) {
    try {
      long writing = System.nanoTime();
      ledger.commit(proposed, certificate);
      metrics.time("chancery_block_write_seconds", System.nanoTime() - writing);
    } catch (RuntimeException | Error e) {
      // Noticed by the producer before its next block, and by health checks at once.
      failure = e;
      throw e;
    }
    List<Bytes> ids = new ArrayList<>(batch.size());
    batch.forEach(tx -> ids.add(tx.txId()));
    mempool.remove(ids);
    notifier.committed(proposed.block(), proposed.receipts());
    metrics.increment("chancery_blocks_committed_total");
    metrics.add("chancery_transactions_committed_total", batch.size());
    metrics.time("chancery_block_commit_seconds", System.nanoTime() - cut);
    log.debug(
        "committed block height={} txs={} hash={}",
        proposed.block().height(),
        batch.size(),
        proposed.block().hash().hex());
  }

  /** Stops cutting blocks; the block being written, if any, is committed before this returns. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(10_000);
      writer.shutdown();
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("the last block was still being written after 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
