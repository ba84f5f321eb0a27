package org.chancery.consensus.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The few file operations {@link FileConsensusWal} needs, as a seam: tests substitute an
 * implementation that fails or "dies" at any one of them, to check that every crash point leaves a
 * WAL that reopens without forgetting a message that may have been sent.
 */
interface WalStorage {

  /** The whole content of {@code file}, or nothing if it does not exist. */
  byte[] readAll(Path file) throws IOException;

  /** Opens {@code file} for appending, creating it if it does not exist. */
  Channel openForAppend(Path file) throws IOException;

  /** Creates {@code file} empty, replacing any file of that name, for writing. */
  Channel create(Path file) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
  void moveAtomically(Path from, Path to) throws IOException;

  /** Makes the directory's entries (a rename, a new file) durable. */
  void syncDirectory(Path directory) throws IOException;

  boolean deleteIfExists(Path file) throws IOException;

  /** An open file that is only ever appended to, cut back, synced and closed. */
  interface Channel extends Closeable {

    /** Writes all of {@code bytes} at the end of the file. */
    void write(ByteBuffer bytes) throws IOException;

    /** Makes what was written durable ({@code fsync} of the data). */
    void force() throws IOException;

    /** Cuts the file to {@code size} bytes and makes that durable. */
    void truncate(long size) throws IOException;

    long size() throws IOException;
  }
}
