package org.chancery.cli.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Reads, checks, writes and removes the pid files of {@code network up} ({@code DIR/run/NODE.pid},
 * the process id in decimal and a newline, so {@code kill $(cat DIR/run/node1.pid)} works).
 *
 * <p>A pid alone is not proof: after a reboot or a crash the number may belong to another program.
 * A process counts as the node only if its command line names the node's {@code node.yaml} (the
 * launcher passes it as {@code --config PATH}); otherwise the pid file is stale and no signal is
 * ever sent to that process.
 *
 * <pre>{@code
 * PidFiles pidFiles = new PidFiles();
 * if (pidFiles.inspect(node) instanceof PidFileState.Live live) {
 *   live.process().destroy();
 * }
 * }</pre>
 */
public final class PidFiles {

  /** Checks {@code node}'s pid file against the running processes. */
  public PidFileState inspect(NetworkNode node) {
    String text;
    try {
      text = Files.readString(node.pidFile(), StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return new PidFileState.Absent();
    } catch (IOException e) {
      throw new NetworkRunException("cannot read " + node.pidFile() + ": " + e.getMessage(), e);
    }
    long pid;
    try {
      pid = Long.parseLong(text);
    } catch (NumberFormatException e) {
      return new PidFileState.Stale("it holds '" + abbreviate(text) + "', not a process id");
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return new PidFileState.Stale("process " + pid + " is not running");
    }
    ProcessHandle.Info info = process.get().info();
    String config = node.config().toString();
    Optional<Boolean> namesConfig =
        info.arguments()
            .map(
                args ->
                    List.of(args).contains(config)
                        || List.of(args).contains(NodeLauncher.configMarker(node.config())))
            .or(() -> info.commandLine().map(line -> line.contains(config)));
    if (namesConfig.isEmpty()) {
      return new PidFileState.Stale(
          "the command line of process "
              + pid
              + " cannot be read, so it is not known to be "
              + node.name());
    }
    if (!namesConfig.get()) {
      return new PidFileState.Stale(
          "process "
              + pid
              + " is another program now ("
              + info.command().orElse("unknown command")
              + "), not "
              + node.name());
    }
    return new PidFileState.Live(process.get());
  }

  /** Records {@code pid} as {@code node}'s process; a reader never sees a half-written file. */
  public void write(NetworkNode node, long pid) throws IOException {
    Path file = node.pidFile();
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, pid + "\n", StandardCharsets.US_ASCII);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes {@code node}'s pid file, if there is one. */
  public void delete(NetworkNode node) throws IOException {
    Files.deleteIfExists(node.pidFile());
  }

  private static String abbreviate(String s) {
    return s.length() <= 20 ? s : s.substring(0, 20) + "...";
  }
}
