package org.chancery.consensus.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real files with a crash switch: armed at one persistence point, the next operation reaching it
 * either fails with an {@link IOException} (the disk refuses) or "kills the process" with {@link
 * SimulatedCrash} (nothing more happens in this storage). {@link #crash} then plays the power cut:
 * what was written but not synced is lost, torn in half or kept, and a rename whose directory was
 * not synced is undone if unsynced data is lost.
 */
final class CrashingStorage implements WalStorage {

  /** Where in the storage's operations the switch trips. */
  enum Operation {
    WRITE,
    FORCE,
    MOVE,
    SYNC_DIRECTORY
  }

  enum When {
    BEFORE,
    AFTER
  }

  /** Fail with an I/O error, or die. */
  enum Fault {
    FAIL,
    DIE
  }

  /** What the power cut does with data written but not synced. */
  enum Unsynced {
    LOST,
    TORN,
    KEPT
  }

  /** The process died here. */
  static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String where) {
      super("simulated crash " + where);
    }
  }

  private record Point(Operation operation, When when) {}

  private record UndoableMove(Path from, Path to, Optional<byte[]> previousTarget) {}

  private final FileWalStorage disk = new FileWalStorage();
  private final Map<Path, Long> syncedSize = new HashMap<>();
  private final List<WalStorage.Channel> open = new ArrayList<>();
  private Point armed;
  private Fault fault;
  private boolean fired;
  private boolean dead;
  private UndoableMove unsyncedMove;

  /** The next time {@code operation} is reached ({@code when}), apply {@code fault}. */
  void arm(Operation operation, When when, Fault fault) {
    this.armed = new Point(operation, when);
    this.fault = fault;
  }

  /** Whether the armed fault was triggered. */
  boolean fired() {
    return fired;
  }

  /**
   * The power cut: closes every file and applies {@code unsynced} to data and renames not yet
   * synced. The files are then as a restarted process finds them.
   */
  void crash(Unsynced unsynced) throws IOException {
    dead = true;
    for (WalStorage.Channel c : open) {
      c.close();
    }
    if (unsynced == Unsynced.KEPT) {
      return;
    }
    if (unsyncedMove != null && unsynced == Unsynced.LOST) {
      Files.move(unsyncedMove.to(), unsyncedMove.from());
      if (unsyncedMove.previousTarget().isPresent()) {
        Files.write(unsyncedMove.to(), unsyncedMove.previousTarget().get());
      }
      // Both files are back as they were synced before the rename.
      syncedSize.remove(unsyncedMove.to());
      syncedSize.remove(unsyncedMove.from());
    }
    for (Map.Entry<Path, Long> e : syncedSize.entrySet()) {
      Path file = e.getKey();
      if (!Files.exists(file)) {
        continue;
      }
      long size = Files.size(file);
      long synced = e.getValue();
      if (size > synced) {
        long keep = unsynced == Unsynced.LOST ? synced : synced + (size - synced) / 2;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
          c.truncate(keep);
        }
      }
    }
  }

  private void reach(Operation operation, When when, String what) throws IOException {
    if (dead) {
      throw new SimulatedCrash("(already dead) at " + what);
    }
    if (!fired && armed != null && armed.equals(new Point(operation, when))) {
      fired = true;
      if (fault == Fault.DIE) {
        dead = true;
        throw new SimulatedCrash(when + " " + what);
      }
      throw new IOException("injected I/O error " + when + " " + what);
    }
  }

  @Override
  public byte[] readAll(Path file) throws IOException {
    reach(null, null, "read");
    return disk.readAll(file);
  }

  @Override
  public Channel openForAppend(Path file) throws IOException {
    reach(null, null, "open");
    Channel c = disk.openForAppend(file);
    syncedSize.put(file, c.size());
    return track(file, c);
  }

  @Override
  public Channel create(Path file) throws IOException {
    reach(null, null, "create");
    Channel c = disk.create(file);
    syncedSize.put(file, 0L);
    return track(file, c);
  }

  @Override
  public void moveAtomically(Path from, Path to) throws IOException {
    reach(Operation.MOVE, When.BEFORE, "rename " + from.getFileName());
    Optional<byte[]> previous =
        Files.exists(to) ? Optional.of(Files.readAllBytes(to)) : Optional.empty();
    Long synced = syncedSize.remove(from);
    disk.moveAtomically(from, to);
    syncedSize.put(to, synced == null ? Files.size(to) : synced);
    unsyncedMove = new UndoableMove(from, to, previous);
    reach(Operation.MOVE, When.AFTER, "rename " + from.getFileName());
  }

  @Override
  public void syncDirectory(Path directory) throws IOException {
    reach(Operation.SYNC_DIRECTORY, When.BEFORE, "directory sync");
    disk.syncDirectory(directory);
    unsyncedMove = null;
    reach(Operation.SYNC_DIRECTORY, When.AFTER, "directory sync");
  }

  @Override
  public boolean deleteIfExists(Path file) throws IOException {
    reach(null, null, "delete");
    return disk.deleteIfExists(file);
  }

  private Channel track(Path file, Channel real) {
    Channel c =
        new Channel() {
          @Override
          public void write(ByteBuffer bytes) throws IOException {
            reach(Operation.WRITE, When.BEFORE, "write to " + file.getFileName());
            real.write(bytes);
            reach(Operation.WRITE, When.AFTER, "write to " + file.getFileName());
          }

          @Override
          public void force() throws IOException {
            reach(Operation.FORCE, When.BEFORE, "fsync of " + file.getFileName());
            real.force();
            syncedSize.put(file, real.size());
            reach(Operation.FORCE, When.AFTER, "fsync of " + file.getFileName());
          }

          @Override
          public void truncate(long size) throws IOException {
            reach(null, null, "truncate");
            real.truncate(size);
            syncedSize.put(file, size);
          }

          @Override
          public long size() throws IOException {
            return real.size();
          }

          @Override
          public void close() throws IOException {
            real.close();
          }
        };
    open.add(real);
    return c;
  }
}
