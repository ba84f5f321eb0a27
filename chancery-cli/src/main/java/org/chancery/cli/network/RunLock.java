package org.chancery.cli.network;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.chancery.node.network.NetworkLayout;

/**
 * An exclusive lock on {@code DIR/run/.lock}, held by {@code network up} and {@code down} while
 * they start or stop nodes, so two of them never decide from the same pid files at once. The
 * operating system releases it when the process ends, however it ends.
 *
 * <pre>{@code
 * try (RunLock lock = RunLock.acquire(new NetworkLayout(dir))) {
 *   // read pid files, start or stop nodes
 * }
 * }</pre>
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws NetworkRunException if another command holds it
   */
  public static RunLock acquire(NetworkLayout layout) throws IOException {
    Files.createDirectories(layout.run());
    FileChannel channel =
        FileChannel.open(layout.runLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new NetworkRunException(
          "another 'chancery network up' or 'down' is working on "
              + layout.root()
              + " (it holds "
              + layout.runLock()
              + "); wait for it to finish and try again");
    }
    return new RunLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
