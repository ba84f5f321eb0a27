package org.chancery.ledger.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Receipt;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.store.Column;
import org.chancery.ledger.store.Keys;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.ledger.store.StorageException;

/**
 * Committed blocks, their certificates, receipts and the transaction index, in RocksDB. Writes are
 * only {@link #stage staged} into a block's atomic batch; reads see what was committed.
 * Thread-safe.
 *
 * <pre>{@code
 * BlockStore store = new BlockStore(db, suite);
 * long height = store.height();
 * Optional<TxLocation> where = store.locate(txId);
 * }</pre>
 */
public final class BlockStore {
  private static final byte[] LATEST = "latest-height".getBytes(StandardCharsets.US_ASCII);

  /**
   * Latest committed blocks kept decoded. Followers of the chain (clients reading each new block,
   * commit waiters looking up their transaction) read these again and again, and decoding a block
   * re-parses and re-hashes every transaction in it.
   */
  private static final int RECENT_BLOCKS = 4;

  private final LedgerDatabase db;
  private final CryptoSuite suite;
  private volatile long height;
  private final Map<Long, Block> recent =
      new LinkedHashMap<>(RECENT_BLOCKS * 2, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
          return size() > RECENT_BLOCKS;
        }
      };

  public BlockStore(LedgerDatabase db, CryptoSuite suite) {
    this.db = db;
    this.suite = suite;
    byte[] latest = db.get(Column.META, LATEST);
    this.height = latest == null ? 0 : Keys.height(latest);
  }

  /** Height of the latest committed block; 0 when only the genesis exists. */
  public long height() {
    return height;
  }

  public Optional<BlockHeader> header(long h) {
    Block cached = recent(h);
    if (cached != null) {
      return Optional.of(cached.header());
    }
    byte[] bytes = db.get(Column.HEADERS, Keys.height(h));
    return Optional.ofNullable(bytes).map(BlockHeader::decode);
  }

  /** Hash of the committed header at {@code h}. */
  public Optional<Bytes> blockHash(long h) {
    Block cached = recent(h);
    if (cached != null) {
      return Optional.of(cached.hash());
    }
    byte[] bytes = db.get(Column.HEADERS, Keys.height(h));
    return Optional.ofNullable(bytes).map(b -> Bytes.of(suite.hash(b)));
  }

  public Optional<Block> block(long h) {
    Block cached = recent(h);
    if (cached != null) {
      return Optional.of(cached);
    }
    byte[] bytes = db.get(Column.BLOCKS, Keys.height(h));
    return Optional.ofNullable(bytes).map(b -> Block.decode(b, suite));
  }

  /** Height of the block with hash {@code hash}. */
  public Optional<Long> heightOf(Bytes hash) {
    byte[] bytes = db.get(Column.BLOCK_HASHES, hash.toArray());
    return Optional.ofNullable(bytes).map(Keys::height);
  }

  public Optional<CommitCertificate> certificate(long h) {
    byte[] bytes = db.get(Column.CERTIFICATES, Keys.height(h));
    return Optional.ofNullable(bytes).map(CommitCertificate::decode);
  }

  /** Where a committed transaction is, if it is committed. */
  public Optional<TxLocation> locate(Bytes txId) {
    byte[] bytes = db.get(Column.TX_INDEX, txId.toArray());
    if (bytes == null) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return Optional.of(new TxLocation(b.getLong(), b.getInt()));
  }

  public Optional<Receipt> receipt(TxLocation at) {
    byte[] bytes = db.get(Column.RECEIPTS, Keys.heightAndIndex(at.height(), at.index()));
    return Optional.ofNullable(bytes).map(Receipt::decode);
  }

  /** Every receipt of the block at {@code h}, in transaction order. */
  public List<Receipt> receipts(long h, int txCount) {
    return db
        .scan(Column.RECEIPTS, Keys.heightAndIndex(h, 0), Keys.heightAndIndex(h + 1, 0), txCount)
        .stream()
        .map(e -> Receipt.decode(e.getValue()))
        .toList();
  }

  /**
   * Adds every write of committing {@code block} to {@code batch}: header, block, certificate, hash
   * index, transaction index, receipts and the latest height.
   *
   * @throws StorageException if the block does not extend the latest committed block
   */
  public void stage(
      Block block,
      CommitCertificate certificate,
      List<Receipt> receipts,
      LedgerDatabase.Batch batch) {
    long h = block.height();
    if (h != height + 1) {
      throw new StorageException(
          "block " + h + " does not follow the latest committed block " + height);
    }
    if (receipts.size() != block.transactions().size()) {
      throw new StorageException(
          "block "
              + h
              + " has "
              + block.transactions().size()
              + " transactions but "
              + receipts.size()
              + " receipts");
    }
    byte[] key = Keys.height(h);
    batch.put(Column.HEADERS, key, block.headerBytes());
    batch.put(Column.BLOCKS, key, block.encode());
    batch.put(Column.CERTIFICATES, key, certificate.encode());
    batch.put(Column.BLOCK_HASHES, block.hash().toArray(), key);
    for (int i = 0; i < receipts.size(); i++) {
      batch.put(
          Column.TX_INDEX, block.transactions().get(i).txId().toArray(), Keys.heightAndIndex(h, i));
      batch.put(Column.RECEIPTS, Keys.heightAndIndex(h, i), receipts.get(i).encode());
    }
    batch.put(Column.META, LATEST, key);
  }

  /** Called after the batch holding {@code block} was committed. */
  public void committed(Block block) {
    long h = block.height();
    if (h != height + 1) {
      throw new IllegalStateException("committed " + h + " after " + height);
    }
    synchronized (recent) {
      recent.put(h, block);
    }
    height = h;
  }

  /** A recently committed block, or null. Blocks are immutable, so sharing one is safe. */
  private Block recent(long h) {
    if (h > height) {
      return null;
    }
    synchronized (recent) {
      return recent.get(h);
    }
  }
}
