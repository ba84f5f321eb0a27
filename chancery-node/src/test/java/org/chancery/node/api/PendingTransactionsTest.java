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

  @Test
  void batchIsAcceptedUpToTheMempoolBoundAndTheRestIsRejectedAsFull(@TempDir Path dir)
      throws Exception {
    TestNetwork net = TestNetwork.create(dir, "sm", TestNetwork.slow());
    net.setMempool(2, 1 << 20);
    try (ChanceryNode node = net.start()) {
      Http http = new Http(node.apiPort());
      TestNetwork.Signer client = net.client();
      String body =
          "{\"transactions\":["
              + java.util.stream.Stream.of("a", "b", "c")
                  .map(k -> client.put(k, "1").encoded())
                  .map(b -> "\"" + java.util.Base64.getEncoder().encodeToString(b) + "\"")
                  .collect(java.util.stream.Collectors.joining(","))
              + "]}";

      Http.Response r =
          http.post(
              "/v1/transactions:batch",
              "application/json",
              body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
      com.fasterxml.jackson.databind.JsonNode third = r.json().path("results").get(2);
      assertThat(third.path("status").asText()).isEqualTo("rejected");
      assertThat(third.path("problem").path("type").asText())
          .isEqualTo("urn:chancery:error:mempool-full");
      assertThat(third.path("problem").path("status").asInt()).isEqualTo(503);
      assertThat(http.get("/v1/status").json().path("mempool").path("size").asInt()).isEqualTo(2);
    }
  }
}
