package org.chancery.cli.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chancery.cli.CliRun;
import org.chancery.cli.LocalChain;
import org.chancery.core.tx.Transaction;
import org.chancery.sdk.testing.StubNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockGetCommandTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "1.5", "newest"})
  void aHeightThatIsNotAHeightIsAUsageError(String height) {
    CliRun run = CliRun.of("block", "get", "--node", "http://127.0.0.1:7200", height);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("HEIGHT must be a block height (1, 2, ...) or 'latest'");
  }

  @Test
  void aNegativeHeightIsAUsageError() {
    assertThat(CliRun.of("block", "get", "--node", "http://127.0.0.1:7200", "--", "-3").exit())
        .isEqualTo(2);
  }

  @Test
  void aBadNodeUrlIsAUsageError() {
    CliRun run = CliRun.of("block", "get", "--node", "ftp://example", "latest");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--node: node URL 'ftp://example' must start with http://");
  }

  @Test
  void showsTheLatestBlock() throws Exception {
    LocalChain chain = LocalChain.init(tmp.resolve("net"));
    Transaction tx = chain.transaction("{}");
    LocalChain.CertifiedBlock block = chain.block(tx, 4, true);
    try (StubNode node = new StubNode()) {
      node.json("GET", "/v1/blocks/latest", 200, chain.blockDocument(tx, block).toString());
      node.json("GET", "/v1/blocks/4", 200, chain.blockDocument(tx, block).toString());

      CliRun human = CliRun.of("block", "get", "--node", node.url(), "latest");
      CliRun json = CliRun.of("block", "get", "--node", node.url(), "4", "--json");

      assertThat(human.exit()).as(human.err()).isZero();
      assertThat(human.out())
          .contains("Block 4 ")
          .contains("proposer      node1")
          .contains("certificate   round 0, signed by node1")
          .contains(tx.txId().hex() + "  kv.put  org1");
      assertThat(json.exit()).isZero();
      assertThat(json.json().at("/header/stateRoot").asText())
          .isEqualTo(block.header().stateRoot().hex());
      assertThat(json.json().at("/certificate/signatures/0/validator").asText()).isEqualTo("node1");
    }
  }

  @Test
  void anUnknownBlockExitsWith1() throws Exception {
    try (StubNode node = new StubNode()) {
      node.problem("GET", "/v1/blocks/99", 404, "unknown-block", "no block at height 99");

      CliRun run = CliRun.of("block", "get", "--node", node.url(), "99");

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("error: unknown-block (HTTP 404): no block at height 99");
    }
  }
}
