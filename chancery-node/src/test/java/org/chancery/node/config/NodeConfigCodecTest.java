package org.chancery.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chancery.core.config.ConfigException;
import org.chancery.core.config.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigCodecTest {
  private static final String HASH = "ab".repeat(32);

  @TempDir Path dir;

  private NodeConfig sample(Path base) {
    return new NodeConfig(
        "node1",
        "org1",
        true,
        "chancery-local",
        base.resolve("genesis.json"),
        HASH,
        base.resolve("orgs/org1/nodes/node1/identity/cert.pem"),
        base.resolve("orgs/org1/nodes/node1/identity/key.pem"),
        base.resolve("orgs/org1/nodes/node1/tls/cert.pem"),
        base.resolve("orgs/org1/nodes/node1/tls/key.pem"),
        base.resolve("orgs/org1/nodes/node1/tls/ca-bundle.pem"),
        new HostPort("127.0.0.1", 7100),
        new HostPort("127.0.0.1", 7200),
        List.of(new NodeConfig.Peer("node2", new HostPort("127.0.0.1", 7101))),
        base.resolve("orgs/org1/nodes/node1/data"),
        new NodeConfig.MempoolSettings(500, 1 << 20),
        new NodeConfig.RequestLimits(64, 100, 200),
        77);
  }

  @Test
  void writesRelativePathsAndReadsThemBackAbsolute() throws Exception {
    NodeConfig config = sample(dir);
    Path file = dir.resolve("orgs/org1/nodes/node1/node.yaml");
    NodeConfigCodec.write(config, file);

    String text = Files.readString(file);
    assertThat(text)
        .contains("genesis: ../../../../genesis.json")
        .contains("key: identity/key.pem");
    assertThat(NodeConfigCodec.read(file)).isEqualTo(config);
  }

  @Test
  void aMovedNetworkDirectoryStillResolves() throws Exception {
    Path file = dir.resolve("a/orgs/org1/nodes/node1/node.yaml");
    NodeConfigCodec.write(sample(dir.resolve("a")), file);
    Path moved = Files.move(dir.resolve("a"), dir.resolve("b"));
    NodeConfig read = NodeConfigCodec.read(moved.resolve("orgs/org1/nodes/node1/node.yaml"));
    assertThat(read.genesisFile()).isEqualTo(dir.resolve("b/genesis.json"));
  }

  @Test
  void badPortNamesLineAndField() throws Exception {
    String text =
        NodeConfigCodec.render(sample(dir), dir)
            .replace("listen: 127.0.0.1:7200", "listen: 127.0.0.1:99999");
    assertThatThrownBy(() -> NodeConfigCodec.parse("node.yaml", text, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageMatching(
            "node\\.yaml line \\d+, api\\.listen: port must be between 1 and 65535,"
                + " got 99999");
  }

  @Test
  void genesisHashMustBeHex() {
    String text = NodeConfigCodec.render(sample(dir), dir).replace(HASH, "not-a-hash");
    assertThatThrownBy(() -> NodeConfigCodec.parse("node.yaml", text, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chain.genesisHash: must be 64 lowercase hex digits");
  }

  @Test
  void unknownSectionIsRejected() {
    String text = NodeConfigCodec.render(sample(dir), dir) + "metrics:\n  port: 9100\n";
    assertThatThrownBy(() -> NodeConfigCodec.parse("node.yaml", text, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown field 'metrics'");
  }

  @Test
  void mempoolBoundsDefaultWhenAbsent() {
    String text = NodeConfigCodec.render(sample(dir), dir);
    String without = text.substring(0, text.indexOf("mempool:"));
    assertThat(NodeConfigCodec.parse("node.yaml", without, dir).mempool())
        .isEqualTo(NodeConfig.MempoolSettings.defaults());
    assertThat(NodeConfigCodec.parse("node.yaml", text, dir).mempool().maxTransactions())
        .isEqualTo(500);
  }

  @Test
  void missingFileIsAConfigError() {
    assertThatThrownBy(() -> NodeConfigCodec.read(dir.resolve("absent.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read");
  }
}
