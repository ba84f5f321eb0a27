package org.chancery.cli.network;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.cli.ChanceryCli;

/**
 * Starts a node as a background JVM running {@code chancery node start --config NODE.yaml}: the
 * same JDK and classpath as this process (so it works from the {@code ./chancery} launcher, from an
 * IDE and from tests alike), stdin from {@code /dev/null}, stdout and stderr appended to the node's
 * log, and, where {@code setsid} exists, in a session of its own so that closing the terminal or
 * pressing Ctrl-C in it later does not reach the node.
 *
 * <pre>{@code
 * NodeLauncher launcher = NodeLauncher.forThisJvm(System.getenv(), Clock.systemUTC());
 * LaunchedNode launched = launcher.launch(node);
 * System.out.println("pid " + launched.process().pid() + ", log " + node.log());
 * }</pre>
 */
public final class NodeLauncher {
  /** Extra JVM options for node processes, split on whitespace, for example {@code -Xmx1g}. */
  public static final String JAVA_OPTS_VARIABLE = "CHANCERY_NODE_JAVA_OPTS";

  private final List<String> command;
  private final Clock clock;

  /**
   * @param command the command up to (not including) the CLI arguments {@code node start --config
   *     FILE}
   * @param clock stamps the line written to the log before each start
   */
  public NodeLauncher(List<String> command, Clock clock) {
    this.command = List.copyOf(command);
    this.clock = clock;
  }

  /**
   * A launcher that runs nodes with this JVM's java binary and classpath.
   *
   * @param env the environment: {@code PATH} to find {@code setsid}, and {@value
   *     #JAVA_OPTS_VARIABLE}
   */
  public static NodeLauncher forThisJvm(Map<String, String> env, Clock clock) {
    List<String> cmd = new ArrayList<>();
    findOnPath(env.get("PATH"), "setsid").ifPresent(setsid -> cmd.add(setsid.toString()));
    cmd.add(javaBinary());
    // The same options the ./chancery launcher gives the CLI: RocksDB loads a native library,
    // and protobuf uses sun.misc.Unsafe, which JDK 24 and later warn about.
    cmd.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    String extra = env.getOrDefault(JAVA_OPTS_VARIABLE, "").strip();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChanceryCli.class.getName());
    return new NodeLauncher(cmd, clock);
  }

  /**
   * A node process this launcher started.
   *
   * @param node the node
   * @param process its process
   * @param logOffset the size of the log before this start: what follows is this run's output
   */
  public record LaunchedNode(NetworkNode node, Process process, long logOffset) {}

  /**
   * Starts {@code node} and records its pid file.
   *
   * @throws IOException if the log cannot be written or the JVM cannot be started
   */
  public LaunchedNode launch(NetworkNode node, PidFiles pidFiles) throws IOException {
    Files.createDirectories(node.log().getParent());
    long offset = Files.exists(node.log()) ? Files.size(node.log()) : 0;
    Files.writeString(
        node.log(),
        "---- " + clock.instant() + " chancery network up: starting " + node.name() + " ----\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    List<String> cmd = new ArrayList<>(command);
    // Linux shows at most a page of a process's command line to others, and a classpath is
    // longer than that: the node's config goes before it too, where PidFiles can read it.
    int cp = cmd.indexOf("-cp");
    if (cp > 0) {
      cmd.add(cp, configMarker(node.config()));
    }
    cmd.addAll(List.of("node", "start", "--config", node.config().toString()));
    Process process =
        new ProcessBuilder(cmd)
            .directory(node.config().getParent().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()))
            .start();
    try {
      pidFiles.write(node, process.pid());
    } catch (IOException | RuntimeException e) {
      // Without its pid file no later command could find the node, so do not leave it running.
      process.destroyForcibly();
      throw e;
    }
    return new LaunchedNode(node, process, offset);
  }

  /** The JVM option naming a node's config on its command line, ahead of the classpath. */
  static String configMarker(Path config) {
    return "-Dchancery.node.config=" + config;
  }

  /** The command this launcher runs before {@code node start --config FILE}. */
  public List<String> command() {
    return command;
  }

  /**
   * This JVM's java: {@code java.home} rather than the process's executable, which is a native
   * launcher that takes no {@code -cp} when the CLI is packaged with jpackage.
   */
  private static String javaBinary() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(java)) {
      return java.toString();
    }
    return ProcessHandle.current()
        .info()
        .command()
        .orElseThrow(
            () -> new NetworkRunException("cannot find the java binary of this JVM to run nodes"));
  }

  private static Optional<Path> findOnPath(String path, String program) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
