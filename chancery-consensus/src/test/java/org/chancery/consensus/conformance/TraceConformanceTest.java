package org.chancery.consensus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every ITF trace of the Tendermint Quint model (malachite, Apache-2.0) against the
 * consensus core, step by step. By default the traces in the test resources {@code tendermint-itf/}
 * (see its README for provenance and formats); {@code -Dchancery.itf.dir=/path} replays another
 * trace set instead. Every {@code *.itf.json} and {@code *.itf.json.gz} file under the folder is a
 * test; a file whose variables match no known trace kind fails, it is never skipped.
 *
 * <ul>
 *   <li>round-state-machine traces ({@code state}, {@code input}, {@code output}) drive {@link
 *       org.chancery.consensus.round.RoundStateMachine} ({@link RoundStateMachineReplay});
 *   <li>vote-keeper traces ({@code bookkeeper}, {@code weightedVote}, {@code lastEmitted}) drive
 *       {@link org.chancery.consensus.votekeeper.VoteKeeper} ({@link VoteKeeperReplay});
 *   <li>multi-node traces ({@code system}, {@code _hist}) drive one {@link
 *       org.chancery.consensus.driver.ConsensusDriver} per correct node ({@link MultiNodeReplay}).
 * </ul>
 */
class TraceConformanceTest {
  /** Traces shipped in the test resources; a smaller count means files went missing. */
  private static final int SHIPPED_TRACES = 236;

  private static final Map<String, ReplayStats> STATS = new ConcurrentHashMap<>();
  private static final Map<String, Integer> FILES = new ConcurrentHashMap<>();

  @TestFactory
  Stream<DynamicNode> everyTraceReplays() throws IOException {
    Path root = traceRoot();
    List<Path> files = traceFiles(root);
    if (System.getProperty("chancery.itf.dir") == null) {
      assertThat(files).as("traces under " + root).hasSize(SHIPPED_TRACES);
    } else {
      assertThat(files).as("traces under " + root).isNotEmpty();
    }
    Map<String, List<Path>> byFolder = new TreeMap<>();
    for (Path f : files) {
      byFolder
          .computeIfAbsent(root.relativize(f.getParent()).toString(), k -> new ArrayList<>())
          .add(f);
    }
    return byFolder.entrySet().stream()
        .map(
            e ->
                DynamicContainer.dynamicContainer(
                    e.getKey(),
                    e.getValue().stream()
                        .map(
                            f ->
                                DynamicTest.dynamicTest(
                                    f.getFileName().toString(),
                                    f.toUri(),
                                    () -> replay(e.getKey(), f)))));
  }

  @Test
  void shippedTracesAreTheRecordedVectors() throws Exception {
    Path root = traceRoot();
    Path sums = root.resolve("SHA256SUMS");
    if (System.getProperty("chancery.itf.dir") != null && !Files.exists(sums)) {
      return; // another trace set, without checksums: nothing to compare against
    }
    List<String> lines = Files.readAllLines(sums);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (String line : lines) {
      String[] parts = line.split("  ", 2);
      byte[] digest = sha256.digest(Files.readAllBytes(root.resolve(parts[1])));
      assertThat(HexFormat.of().formatHex(digest)).as(parts[1]).isEqualTo(parts[0]);
    }
    assertThat(lines).hasSameSizeAs(traceFiles(root));
  }

  @AfterAll
  static void printSummary() {
    StringBuilder summary = new StringBuilder("ITF trace replay:\n");
    ReplayStats total = new ReplayStats();
    new TreeMap<>(STATS)
        .forEach(
            (folder, stats) -> {
              summary
                  .append("  ")
                  .append(folder)
                  .append(": ")
                  .append(FILES.get(folder))
                  .append(" traces, ")
                  .append(stats)
                  .append('\n');
              total.add(stats);
            });
    summary.append("  total: ").append(total);
    System.out.println(summary);
  }

  private static void replay(String folder, Path file) {
    ReplayStats stats = replay(Itf.read(file), CoreVariant.STANDARD);
    STATS.computeIfAbsent(folder, k -> new ReplayStats());
    synchronized (STATS) {
      STATS.get(folder).add(stats);
      FILES.merge(folder, 1, Integer::sum);
    }
  }

  /** Replays one trace against {@code core}, by the kind of trace it is. */
  static ReplayStats replay(Itf.Trace trace, CoreVariant core) {
    if (RoundStateMachineReplay.accepts(trace)) {
      return RoundStateMachineReplay.replay(trace, core);
    } else if (VoteKeeperReplay.accepts(trace)) {
      return VoteKeeperReplay.replay(trace, core);
    } else if (MultiNodeReplay.accepts(trace)) {
      return MultiNodeReplay.replay(trace, core);
    }
    throw new AssertionError(
        trace.name() + " matches no known trace kind (variables " + trace.states().get(0) + ")");
  }

  static Path traceRoot() {
    String dir = System.getProperty("chancery.itf.dir");
    if (dir != null && !dir.isBlank()) {
      Path p = Path.of(dir);
      assertThat(p).as("chancery.itf.dir").isDirectory();
      return p;
    }
    URL readme = TraceConformanceTest.class.getResource("/tendermint-itf/README.md");
    assertThat(readme).as("tendermint-itf test resources").isNotNull();
    try {
      return Path.of(readme.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> traceFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".itf.json") || n.endsWith(".itf.json.gz");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
