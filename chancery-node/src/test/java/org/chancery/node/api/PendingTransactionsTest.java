package org.chancery.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chancery.core.tx.Transaction;
import org.chancery.node.ChanceryNode;
import org.chancery.node.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that cuts blocks only after a minute, so transactions stay pending: duplicates, a full
 * mempool and wait timeouts are deterministic.
 */
class PendingTransactionsTest {
  private static final String PROTO = "application/x-protobuf";

  @Test
  void duplicatesFullMempoolAndWaitTimeout(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir, "sm", TestNetwork.slow());
    net.setMempool(2, 1 << 20);
    try (ChanceryNode node = net.start()) {
      Http http = new Http(node.apiPort());
      TestNetwork.Signer client = net.client();
      Transaction first = client.put("a", "1");

      assertThat(http.post("/v1/transactions", PROTO, first.encoded()).status()).isEqualTo(202);
      Http.Response pending = http.get("/v1/transactions/" + first.txId().hex());
      assertThat(pending.json().path("status").asText()).isEqualTo("pending");

      Http.Response duplicate = http.post("/v1/transactions", PROTO, first.encoded());
      assertThat(duplicate.status()).isEqualTo(409);
      assertThat(duplicate.problemCode()).isEqualTo("duplicate");

      Http.Response waited =
          http.post(
              "/v1/transactions?wait=commit&timeout=200ms", PROTO, client.put("b", "1").encoded());
      assertThat(waited.status()).isEqualTo(202);
      assertThat(waited.json().path("status").asText()).isEqualTo("pending");

      Http.Response full = http.post("/v1/transactions", PROTO, client.put("c", "1").encoded());
      assertThat(full.status()).isEqualTo(503);
      assertThat(full.problemCode()).isEqualTo("mempool-full");
      assertThat(http.get("/v1/status").json().path("mempool").path("size").asInt()).isEqualTo(2);
    }
  }
}
