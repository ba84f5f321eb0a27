package org.chancery.consensus.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's consensus WAL: an append-only file {@value #FILE_NAME} in a directory of its own, one
 * record per signed proposal or vote ({@link WalRecords} frames them, {@link WalCodec} encodes
 * them).
 *
 * <ul>
 *   <li><b>Durable before return.</b> {@link #append} writes the record and calls {@code
 *       FileChannel.force} before returning, so a message is sent only once its record survives a
 *       crash or power loss.
 *   <li><b>Torn tail.</b> Opening reads every record. A crash in the middle of an append can leave
 *       a partial or garbled last record; its length or CRC-32C gives it away and it is cut off
 *       with a warning (that append never returned, so nothing it recorded was sent). Damage before
 *       the last record is not a crash's doing and opening fails with {@link WalException}.
 *   <li><b>Truncation.</b> {@link #truncateBelow} writes the entries it keeps to {@value
 *       #TEMP_NAME}, syncs it and renames it over the log atomically. A crash before the rename
 *       leaves the old log (the temp file is deleted on the next open), after it the new one; never
 *       a mix. At most these two files exist.
 *   <li><b>Fail-stop.</b> After an I/O error the instance refuses every further write: the state of
 *       the file is unknown until it is opened again, which recovers it.
 * </ul>
 *
 * <p>Entries are also kept in memory (the log is truncated at every commit, so it stays small).
 * Thread-safe; one process per directory.
 *
 * <pre>{@code
 * try (FileConsensusWal wal = FileConsensusWal.open(dataDir.resolve("consensus"))) {
 *   GuardedSigner signer = new GuardedSigner(wal, messageSigner, height);
 *   ...
 * }
 * }</pre>
 */
public final class FileConsensusWal implements ConsensusWal {
  /** The log file in the WAL directory. */
  public static final String FILE_NAME = "consensus.wal";

  static final String TEMP_NAME = "consensus.wal.tmp";
  private static final Logger log = LoggerFactory.getLogger(FileConsensusWal.class);

  /**
   * What opening found.
   *
   * @param entries entries read
   * @param tornBytes bytes of a torn last record cut off (0 if the log ended cleanly)
   * @param unfinishedTruncationRemoved whether a temp file of a truncation interrupted before its
   *     rename was deleted
   */
  public record Recovery(int entries, long tornBytes, boolean unfinishedTruncationRemoved) {}

  private final Path directory;
  private final Path file;
  private final Path temp;
  private final WalStorage storage;
  private final Recovery recovery;
  private List<WalEntry> entries;
  private WalStorage.Channel channel;
  private String failure;
  private boolean closed;

  /**
   * Opens the WAL in {@code directory}, creating both if needed, and recovers from a crash.
   *
   * @throws WalException if it cannot be read, or is damaged beyond a torn last record
   */
  public static FileConsensusWal open(Path directory) {
    return new FileConsensusWal(directory, new FileWalStorage());
  }

  FileConsensusWal(Path directory, WalStorage storage) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.storage = Objects.requireNonNull(storage, "storage");
    this.file = directory.resolve(FILE_NAME);
    this.temp = directory.resolve(TEMP_NAME);
    try {
      Files.createDirectories(directory);
      boolean tempRemoved = storage.deleteIfExists(temp);
      if (tempRemoved) {
        log.warn(
            "Consensus WAL {}: removed {} left by a truncation interrupted before its rename;"
                + " the log itself is complete",
            file,
            TEMP_NAME);
      }
      WalRecords.Scan scan = WalRecords.scan(storage.readAll(file));
      channel = storage.openForAppend(file);
      if (scan.tornBytes() > 0) {
        log.warn(
            "Consensus WAL {}: cut off a torn last record ({} bytes after byte {}) left by a crash"
                + " during an append that never returned; {} entries kept",
            file,
            scan.tornBytes(),
            scan.validLength(),
            scan.entries().size());
        channel.truncate(scan.validLength());
      }
      storage.syncDirectory(directory);
      this.entries = new ArrayList<>(scan.entries());
      this.recovery = new Recovery(scan.entries().size(), scan.tornBytes(), tempRemoved);
    } catch (IOException | WalException e) {
      closeQuietlyAfter(e);
      throw new WalException("cannot open the consensus WAL " + file + ": " + e.getMessage(), e);
    }
  }

  /** What opening found: entries read, a torn tail cut off, an unfinished truncation removed. */
  public Recovery recovery() {
    return recovery;
  }

  @Override
  public synchronized void append(WalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    requireWritable();
    try {
      channel.write(ByteBuffer.wrap(WalRecords.frame(entry)));
      channel.force();
    } catch (IOException e) {
      throw fail("append to", e);
    }
    entries.add(entry);
  }

  @Override
  public synchronized List<WalEntry> entriesFrom(long fromHeight) {
    requireOpen();
    return entries.stream().filter(e -> e.height() >= fromHeight).toList();
  }

  @Override
  public synchronized void truncateBelow(long height) {
    requireWritable();
    List<WalEntry> kept = entries.stream().filter(e -> e.height() >= height).toList();
    if (kept.size() == entries.size()) {
      return;
    }
    try {
      try (WalStorage.Channel segment = storage.create(temp)) {
        for (WalEntry e : kept) {
          segment.write(ByteBuffer.wrap(WalRecords.frame(e)));
        }
        segment.force();
      }
      storage.moveAtomically(temp, file);
      storage.syncDirectory(directory);
      WalStorage.Channel old = channel;
      channel = null;
      old.close();
      channel = storage.openForAppend(file);
    } catch (IOException e) {
      throw fail("truncate", e);
    }
    entries = new ArrayList<>(kept);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new WalException("cannot close the consensus WAL " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new WalException("the consensus WAL " + file + " is closed");
    }
  }

  private void requireWritable() {
    requireOpen();
    if (failure != null) {
      throw new WalException(
          "the consensus WAL "
              + file
              + " failed earlier ("
              + failure
              + ") and accepts no more writes; open it again to recover");
    }
  }

  private WalException fail(String action, IOException e) {
    failure = "could not " + action + " it: " + e.getMessage();
    log.error("Consensus WAL {}: {}; signing must stop until it is reopened", file, failure, e);
    return new WalException(
        "cannot " + action + " the consensus WAL " + file + ": " + e.getMessage(), e);
  }

  private void closeQuietlyAfter(Exception cause) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
