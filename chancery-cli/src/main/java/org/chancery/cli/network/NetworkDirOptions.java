package org.chancery.cli.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options {@code network up}, {@code status} and {@code down} share: {@code --dir DIR} (a
 * directory written by {@code network init}) and {@code --json}. A picocli mixin:
 *
 * <pre>{@code
 * @Mixin NetworkDirOptions target;
 *
 * public Integer call() {
 *   NetworkDirectory net = target.open();
 *   ...
 * }
 * }</pre>
 */
public final class NetworkDirOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "The network directory written by 'chancery network init --out DIR'.")
  Path dir;

  @Option(names = "--json", description = "Print the result as one JSON document.")
  boolean json;

  /** Whether {@code --json} was given. */
  public boolean json() {
    return json;
  }

  /**
   * Reads the network directory.
   *
   * @throws ParameterException (exit 2) if {@code --dir} is missing or not a network directory
   */
  public NetworkDirectory open() {
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--dir: no such directory " + dir);
    }
    try {
      return NetworkDirectory.open(dir);
    } catch (NetworkRunException e) {
      throw new ParameterException(spec.commandLine(), "--dir: " + e.getMessage());
    }
  }

  /**
   * {@code seconds} as a duration.
   *
   * @throws ParameterException (exit 2) unless it is between 1 and 3600
   */
  public Duration seconds(String option, int seconds) {
    if (seconds < 1 || seconds > 3600) {
      throw new ParameterException(
          spec.commandLine(), option + " must be between 1 and 3600 seconds, got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }
}
