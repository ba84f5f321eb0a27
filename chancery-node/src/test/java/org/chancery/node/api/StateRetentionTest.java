package org.chancery.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chancery.node.ChanceryNode;
import org.chancery.node.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** node.yaml's storage.stateRetention bounds historical state proofs; older heights answer 404. */
class StateRetentionTest {

  @Test
  void proofsOlderThanTheRetentionWindowAnswerStatePruned(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir);
    net.setStateRetention(2);
    try (ChanceryNode node = net.start()) {
      Http http = new Http(node.apiPort());
      TestNetwork.Signer client = net.client();
      for (int i = 0; i < 4; i++) {
        Http.Response r =
            http.post(
                "/v1/transactions?wait=commit",
                "application/x-protobuf",
                client.put("r" + i, Integer.toString(i)).encoded());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
      }
      long latest = node.ledger().height();
      assertThat(http.get("/v1/state/kv/r0?proof=true&height=" + latest).status()).isEqualTo(200);
      assertThat(http.get("/v1/state/kv/r0?proof=true&height=" + (latest - 1)).status())
          .isEqualTo(200);
      Http.Response pruned = http.get("/v1/state/kv/r0?proof=true&height=1");
      assertThat(pruned.status()).isEqualTo(404);
      assertThat(pruned.problemCode()).isEqualTo("state-pruned");
      assertThat(pruned.json().path("detail").asText()).contains("1");
    }
  }
}
