package org.chancery.cli.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a node's log written since a given offset: what a failed start printed, without
 * the output of earlier runs that the log (opened for append) also holds.
 *
 * <pre>{@code
 * List<String> lines = LogTail.lastLines(Path.of("/tmp/net/run/node1.log"), 0, 20);
 * }</pre>
 */
public final class LogTail {
  /** At most this much of the end of the log is read: enough for any stack trace worth showing. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /**
   * Returns up to {@code maxLines} last lines of {@code log} after byte {@code fromOffset}; an
   * empty list if there is no such file or nothing was written.
   */
  public static List<String> lastLines(Path log, long fromOffset, int maxLines) {
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      long size = ch.size();
      long start = Math.max(Math.min(fromOffset, size), size - MAX_BYTES);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - start));
      while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
        // read until the buffer holds the whole range
      }
      String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      List<String> lines = Arrays.asList(text.split("\\R"));
      if (lines.size() == 1 && lines.get(0).isEmpty()) {
        return List.of();
      }
      return List.copyOf(lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
    } catch (IOException e) {
      return List.of();
    }
  }
}
