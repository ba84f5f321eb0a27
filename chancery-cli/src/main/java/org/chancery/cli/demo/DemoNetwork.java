package org.chancery.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's consortium: four organisations that a city's judicial and civil-affairs services run
 * together, one BFT validator each. The description is written as the YAML that {@code chancery
 * network init --config} reads, so the demo's network is made by the same command a user types.
 */
final class DemoNetwork {
  /**
   * One organisation of the demo.
   *
   * @param id its id, the O of its certificates
   * @param name its name in English and Chinese
   * @param node its node's name
   * @param user the client identity the demo signs with
   */
  record Org(String id, String name, String node, String user) {}

  static final List<Org> ORGS =
      List.of(
          new Org("court", "Internet Court (互联网法院)", "court1", "clerk"),
          new Org("notary", "Notary Public Office (公证处)", "notary1", "clerk"),
          new Org("civil", "Civil Affairs Bureau (民政局)", "civil1", "clerk"),
          new Org("housing", "Housing Administration Bureau (住房管理局)", "housing1", "clerk"));

  private final Path dir;
  private final int basePort;

  DemoNetwork(Path dir, int basePort) {
    this.dir = dir;
    this.basePort = basePort;
  }

  Path dir() {
    return dir;
  }

  /** True if an earlier demo run left a network here. */
  boolean exists() {
    return Files.isRegularFile(dir.resolve("genesis.json"));
  }

  Path genesis() {
    return dir.resolve("genesis.json");
  }

  Path identity(Org org) {
    return dir.resolve("orgs").resolve(org.id()).resolve("users").resolve(org.user());
  }

  /** Where the demo keeps the files it writes: the sample, certificates, tampered copy. */
  Path work() {
    return dir.resolve("demo");
  }

  /** The description, next to (not inside) the network directory init writes. */
  Path description() {
    return dir.resolveSibling(dir.getFileName() + "-network.yaml");
  }

  /** Writes the YAML description for {@code network init --config}. */
  Path writeDescription() throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("# The chancery demo's consortium; see docs/network-init.md for every field.\n");
    y.append("chainId: chancery-demo\nsuite: sm\n");
    y.append("consensus:\n  type: bft\n");
    y.append("organisations:\n");
    for (int i = 0; i < ORGS.size(); i++) {
      Org o = ORGS.get(i);
      y.append("  - id: ").append(o.id()).append('\n');
      y.append("    name: \"").append(o.name()).append("\"\n");
      y.append("    nodes:\n");
      y.append("      - name: ").append(o.node()).append('\n');
      y.append("        host: 127.0.0.1\n");
      y.append("        p2pPort: ").append(basePort + i).append('\n');
      y.append("        apiPort: ").append(basePort + 100 + i).append('\n');
      y.append("    users:\n");
      y.append("      - name: admin\n        role: admin\n");
      y.append("      - name: ").append(o.user()).append("\n        role: client\n");
      if (o.id().equals("court")) {
        y.append("      - name: auditor\n        role: regulator\n");
      }
    }
    Path file = description();
    Files.writeString(file, y, StandardCharsets.UTF_8);
    return file;
  }
}
