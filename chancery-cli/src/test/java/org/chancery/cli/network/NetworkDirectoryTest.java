package org.chancery.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.config.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkDirectoryTest {
  @TempDir Path tmp;

  @Test
  void namesSortWithNumbersAsNumbers() {
    List<String> names = new ArrayList<>(List.of("node10", "node2", "node1", "land1", "node02b"));
    names.sort(NetworkDirectory::compareNatural);
    assertThat(names).containsExactly("land1", "node1", "node2", "node02b", "node10");
  }

  @Test
  void aWildcardListenAddressIsReachedOnLoopback() {
    assertThat(NetworkDirectory.apiUrl(new HostPort("0.0.0.0", 7200)).toString())
        .isEqualTo("http://127.0.0.1:7200");
    assertThat(NetworkDirectory.apiUrl(new HostPort("10.1.0.11", 7200)).toString())
        .isEqualTo("http://10.1.0.11:7200");
  }

  @Test
  void findsEveryNodeOfALocalNetworkInNameOrder() {
    Path dir = tmp.resolve("net");
    org.chancery.cli.CliRun init =
        org.chancery.cli.CliRun.of(
            "network", "init", "--orgs", "11", "--base-port", "9100", "--out", dir.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    NetworkDirectory net = NetworkDirectory.open(dir);
    assertThat(net.chainId()).isEqualTo("chancery-local");
    assertThat(net.consensus().wireName()).isEqualTo("bft");
    assertThat(net.nodes()).hasSize(11);
    assertThat(net.nodes().get(1).name()).isEqualTo("node2");
    assertThat(net.nodes().get(10).name()).isEqualTo("node11");
    NetworkNode node11 = net.nodes().get(10);
    assertThat(node11.organisation()).isEqualTo("org11");
    assertThat(node11.api().toString()).isEqualTo("http://127.0.0.1:9210");
    assertThat(node11.pidFile()).isEqualTo(net.root().resolve("run/node11.pid"));
    assertThat(node11.log()).isEqualTo(net.root().resolve("run/node11.log"));
  }

  @Test
  void logTailShowsOnlyWhatFollowsTheOffset() throws Exception {
    Path log = tmp.resolve("node.log");
    Files.writeString(log, "old run\nold error\n", StandardCharsets.UTF_8);
    long offset = Files.size(log);
    Files.writeString(
        log, "l1\nl2\nl3\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    assertThat(LogTail.lastLines(log, offset, 2)).containsExactly("l2", "l3");
    assertThat(LogTail.lastLines(log, offset, 10)).containsExactly("l1", "l2", "l3");
    assertThat(LogTail.lastLines(log, Files.size(log), 10)).isEmpty();
    assertThat(LogTail.lastLines(tmp.resolve("missing.log"), 0, 10)).isEmpty();
  }
}
