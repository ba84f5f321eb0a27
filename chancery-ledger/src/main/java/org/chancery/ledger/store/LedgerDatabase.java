package org.chancery.ledger.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A node's RocksDB database: one column family per {@link Column}, and atomic batches. Everything a
 * block changes (block, certificate, transactions index, receipts, state) goes into one {@link
 * Batch} that {@link #commit} writes with the write-ahead log synced, so a crash leaves either all
 * of the block or none of it.
 *
 * <pre>{@code
 * try (LedgerDatabase db = LedgerDatabase.open(dataDir)) {
 *   try (LedgerDatabase.Batch batch = db.newBatch()) {
 *     batch.put(Column.META, key, value);
 *     db.commit(batch);
 *   }
 * }
 * }</pre>
 */
public final class LedgerDatabase implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final DBOptions options;
  private final ColumnFamilyOptions columnOptions;
  private final Map<Column, ColumnFamilyHandle> handles;
  private final List<ColumnFamilyHandle> allHandles;
  private final WriteOptions syncWrites;

  private LedgerDatabase(
      RocksDB db,
      DBOptions options,
      ColumnFamilyOptions columnOptions,
      Map<Column, ColumnFamilyHandle> handles,
      List<ColumnFamilyHandle> allHandles) {
    this.db = db;
    this.options = options;
    this.columnOptions = columnOptions;
    this.handles = handles;
    this.allHandles = allHandles;
    this.syncWrites = new WriteOptions().setSync(true);
  }

  /**
   * Opens (creating if needed) the database in {@code dir}.
   *
   * @throws StorageException if it cannot be opened, for example because another node process holds
   *     it
   */
  public static LedgerDatabase open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StorageException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    DBOptions options =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            .setKeepLogFileNum(5);
    ColumnFamilyOptions columnOptions =
        new ColumnFamilyOptions()
            .setLevelCompactionDynamicLevelBytes(true)
            .setTableFormatConfig(
                new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)));
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions));
    for (Column c : Column.values()) {
      descriptors.add(new ColumnFamilyDescriptor(c.familyName(), columnOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db;
    try {
      db = RocksDB.open(options, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      options.close();
      columnOptions.close();
      String hint =
          e.getMessage() != null && e.getMessage().contains("lock")
              ? " (is another node running on this data directory?)"
              : "";
      throw new StorageException(
          "cannot open the database in " + dir + ": " + e.getMessage() + hint, e);
    }
    Map<Column, ColumnFamilyHandle> byColumn = new EnumMap<>(Column.class);
    for (int i = 0; i < Column.values().length; i++) {
      byColumn.put(Column.values()[i], handles.get(i + 1));
    }
    return new LedgerDatabase(db, options, columnOptions, byColumn, handles);
  }

  /** The value under {@code key}, or null. */
  public byte[] get(Column column, byte[] key) {
    try {
      return db.get(handles.get(column), key);
    } catch (RocksDBException e) {
      throw new StorageException("read from " + column + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Entries with {@code fromInclusive <= key < toExclusive} in key order, at most {@code limit}.
   *
   * @param toExclusive null for no upper bound
   */
  public List<Map.Entry<byte[], byte[]>> scan(
      Column column, byte[] fromInclusive, byte[] toExclusive, int limit) {
    List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    try (ReadOptions read = new ReadOptions();
        Slice upper = toExclusive == null ? null : new Slice(toExclusive)) {
      if (upper != null) {
        read.setIterateUpperBound(upper);
      }
      try (RocksIterator it = db.newIterator(handles.get(column), read)) {
        for (it.seek(fromInclusive); it.isValid() && out.size() < limit; it.next()) {
          out.add(Map.entry(it.key(), it.value()));
        }
        it.status();
      }
    } catch (RocksDBException e) {
      throw new StorageException("scan of " + column + " failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** The last entry of the column in key order, or null when it is empty. */
  public Map.Entry<byte[], byte[]> last(Column column) {
    try (RocksIterator it = db.newIterator(handles.get(column))) {
      it.seekToLast();
      if (!it.isValid()) {
        it.status();
        return null;
      }
      return Map.entry(it.key(), it.value());
    } catch (RocksDBException e) {
      throw new StorageException("read of " + column + " failed: " + e.getMessage(), e);
    }
  }

  /** Starts an atomic batch of writes. Close it when done, committed or not. */
  public Batch newBatch() {
    return new Batch();
  }

  /**
   * Writes the batch atomically with the write-ahead log synced to disk before returning.
   *
   * @throws StorageException if the write fails; then nothing of the batch is visible
   */
  public void commit(Batch batch) {
    try {
      db.write(syncWrites, batch.batch);
    } catch (RocksDBException e) {
      throw new StorageException("atomic write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    syncWrites.close();
    for (ColumnFamilyHandle h : allHandles) {
      h.close();
    }
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      // Committed batches were synced when written; nothing is lost if this final sync fails.
    }
    db.close();
    options.close();
    columnOptions.close();
  }

  /** Writes that become visible together, or not at all. Not thread-safe. */
  public final class Batch implements AutoCloseable {
    private final WriteBatch batch = new WriteBatch();

    private Batch() {}

    public Batch put(Column column, byte[] key, byte[] value) {
      try {
        batch.put(handles.get(column), key, value);
      } catch (RocksDBException e) {
        throw new StorageException("cannot add a write to the batch: " + e.getMessage(), e);
      }
      return this;
    }

    public Batch delete(Column column, byte[] key) {
      try {
        batch.delete(handles.get(column), key);
      } catch (RocksDBException e) {
        throw new StorageException("cannot add a delete to the batch: " + e.getMessage(), e);
      }
      return this;
    }

    /** Number of writes and deletes in the batch. */
    public int count() {
      return batch.count();
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}
