package org.chancery.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Receipt;
import org.chancery.core.merkle.MerkleTree;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.chain.BlockStore;
import org.chancery.ledger.exec.BlockExecution;
import org.chancery.ledger.exec.ExecutionEngine;
import org.chancery.ledger.state.WorldState;
import org.chancery.ledger.store.Column;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.ledger.store.StorageException;

/**
 * A node's chain: executes blocks and commits them, each in one synced atomic write of the block,
 * its certificate, transactions index, receipts and state changes. Single writer: blocks are
 * proposed by one thread and committed in height order by one thread, which may be another, so that
 * {@link #proposeAfter} can execute the next block while the previous one is committed; reads may
 * come from any thread.
 *
 * <pre>{@code
 * ProposedBlock next = ledger.propose(transactions, blockTime, "node1");
 * ledger.commit(next, certificate);
 * ProposedBlock after = ledger.proposeAfter(next, moreTransactions, laterTime, "node1");
 * }</pre>
 */
public final class Ledger {
  private static final byte[] CHAIN_ID = "chain-id".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GENESIS_HASH = "genesis-hash".getBytes(StandardCharsets.US_ASCII);

  private final LedgerDatabase db;
  private final CryptoSuite suite;
  private final String chainId;
  private final Bytes genesisHash;
  private final Instant genesisTime;
  private final Bytes validatorSetHash;
  private final BlockStore blocks;
  private final WorldState state;
  private final ExecutionEngine engine;

  /**
   * Opens the chain in {@code db}, recording the chain id and genesis hash on first use and
   * refusing a database that belongs to another chain.
   *
   * @throws StorageException if the database holds another chain, or the block store and state
   *     disagree about the height
   */
  public Ledger(
      LedgerDatabase db,
      CryptoSuite suite,
      String chainId,
      Bytes genesisHash,
      Instant genesisTime,
      Bytes validatorSetHash,
      WorldState state,
      ExecutionEngine engine) {
    this.db = db;
    this.suite = suite;
    this.chainId = chainId;
    this.genesisHash = genesisHash;
    this.genesisTime = genesisTime;
    this.validatorSetHash = validatorSetHash;
    this.blocks = new BlockStore(db, suite);
    this.state = state;
    this.engine = engine;
    bindToChain();
    if (state.version() != blocks.height()) {
      throw new StorageException(
          "database is inconsistent: blocks reach height "
              + blocks.height()
              + " but the state is at "
              + state.version());
    }
  }

  private void bindToChain() {
    byte[] storedChain = db.get(Column.META, CHAIN_ID);
    byte[] storedGenesis = db.get(Column.META, GENESIS_HASH);
    if (storedChain == null && storedGenesis == null) {
      try (LedgerDatabase.Batch batch = db.newBatch()) {
        batch.put(Column.META, CHAIN_ID, chainId.getBytes(StandardCharsets.UTF_8));
        batch.put(Column.META, GENESIS_HASH, genesisHash.toArray());
        db.commit(batch);
      }
      return;
    }
    if (storedGenesis == null || !Bytes.of(storedGenesis).equals(genesisHash)) {
      throw new StorageException(
          "the data directory belongs to chain '"
              + (storedChain == null ? "?" : new String(storedChain, StandardCharsets.UTF_8))
              + "' with genesis "
              + (storedGenesis == null ? "?" : Bytes.of(storedGenesis).hex())
              + ", not to this genesis "
              + genesisHash.hex()
              + "; use an empty data directory for a new chain");
    }
  }

  public String chainId() {
    return chainId;
  }

  public CryptoSuite suite() {
    return suite;
  }

  public Bytes genesisHash() {
    return genesisHash;
  }

  public BlockStore blocks() {
    return blocks;
  }

  public WorldState state() {
    return state;
  }

  public ExecutionEngine engine() {
    return engine;
  }

  /** Height of the latest committed block. */
  public long height() {
    return blocks.height();
  }

  /** Hash of the latest committed block, or the genesis hash before the first block. */
  public Bytes lastHash() {
    long h = blocks.height();
    return h == 0 ? genesisHash : blocks.blockHash(h).orElseThrow();
  }

  /** Time of the latest committed block, or the genesis time. */
  public Instant lastTime() {
    long h = blocks.height();
    return h == 0 ? genesisTime : blocks.header(h).orElseThrow().timestamp();
  }

  /**
   * Executes {@code transactions} as the next block at {@code time} and builds its header.
   *
   * @throws IllegalArgumentException if {@code time} is not after the latest block's time
   */
  public ProposedBlock propose(List<Transaction> transactions, Instant time, String proposer) {
    Instant parentTime = lastTime();
    requireAfter(time, parentTime);
    long height = blocks.height() + 1;
    BlockExecution execution = engine.execute(state, height, time, transactions);
    WorldState.Prepared prepared = state.prepare(execution.changes(), height);
    return assemble(height, lastHash(), time, proposer, transactions, execution, prepared);
  }

  /**
   * Executes {@code transactions} as the block after {@code parent}, a block this ledger proposed
   * that may still be {@link #commit committing} on another thread: a producer can execute the next
   * block while the previous one's synced write is in progress. {@code parent} must be the latest
   * committed block or the one after it (one block in flight at most); commit the result after it.
   * Execution sees the state {@code parent} leaves, so the result is the same as that of {@link
   * #propose} once {@code parent} is committed.
   *
   * @throws IllegalArgumentException if {@code time} is not after {@code parent}'s time
   * @throws IllegalStateException if {@code parent} is neither the latest committed block nor the
   *     one after it
   */
  public ProposedBlock proposeAfter(
      ProposedBlock parent, List<Transaction> transactions, Instant time, String proposer) {
    Block previous = parent.block();
    long committed = blocks.height();
    if (previous.height() != committed && previous.height() != committed + 1) {
      throw new IllegalStateException(
          "block "
              + previous.height()
              + " is neither the latest committed block ("
              + committed
              + ") nor the next one");
    }
    requireAfter(time, previous.header().timestamp());
    long height = previous.height() + 1;
    BlockExecution execution =
        engine.execute(state.readerAfter(parent.state()), height, time, transactions);
    WorldState.Prepared prepared = state.prepareAfter(parent.state(), execution.changes(), height);
    return assemble(height, previous.hash(), time, proposer, transactions, execution, prepared);
  }

  private static void requireAfter(Instant time, Instant parentTime) {
    if (!time.isAfter(parentTime)) {
      throw new IllegalArgumentException(
          "block time " + time + " is not after the previous block's " + parentTime);
    }
  }

  private ProposedBlock assemble(
      long height,
      Bytes previousHash,
      Instant time,
      String proposer,
      List<Transaction> transactions,
      BlockExecution execution,
      WorldState.Prepared prepared) {
    List<byte[]> txLeaves = transactions.stream().map(Transaction::encoded).toList();
    List<byte[]> receiptLeaves = execution.receipts().stream().map(Receipt::encode).toList();
    BlockHeader header =
        new BlockHeader(
            chainId,
            height,
            previousHash,
            time,
            Bytes.of(MerkleTree.root(suite, txLeaves)),
            Bytes.of(MerkleTree.root(suite, receiptLeaves)),
            prepared.root(),
            validatorSetHash,
            proposer,
            transactions.size());
    return new ProposedBlock(Block.of(header, transactions, suite), execution.receipts(), prepared);
  }

  /**
   * Commits an executed block with its certificate in one synced atomic write.
   *
   * @throws StorageException if the write fails; then nothing of the block is committed
   */
  public void commit(ProposedBlock proposed, CommitCertificate certificate) {
    Block block = proposed.block();
    if (!certificate.blockHash().equals(block.hash()) || certificate.height() != block.height()) {
      throw new IllegalArgumentException("certificate is not for block " + block);
    }
    try (LedgerDatabase.Batch batch = db.newBatch()) {
      blocks.stage(block, certificate, proposed.receipts(), batch);
      proposed.state().writeTo(batch);
      db.commit(batch);
    }
    blocks.committed(block);
    state.committed(proposed.state());
  }
}
