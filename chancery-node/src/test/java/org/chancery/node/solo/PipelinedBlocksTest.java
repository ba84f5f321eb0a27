package org.chancery.node.solo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.chancery.core.Bytes;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.tx.Transaction;
import org.chancery.ledger.chain.ChainVerifier;
import org.chancery.ledger.state.StateKey;
import org.chancery.node.ChanceryNode;
import org.chancery.node.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Solo block production with one block executing while its parent is written: many small blocks cut
 * back to back must commit every transaction once, in submission order, into a chain that verifies
 * and survives a restart.
 */
class PipelinedBlocksTest {
  private static final int KEYS = 10;
  private static final int WRITES_PER_KEY = 40;

  @Test
  void backToBackBlocksCommitEveryTransactionOnceInOrder(@TempDir Path dir) throws Exception {
    TestNetwork net =
        TestNetwork.create(
            dir, "sm", ConsensusParameters.defaults(ConsensusType.SOLO).withBlocks(1, 25));
    TestNetwork.Signer client = net.client();
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < KEYS * WRITES_PER_KEY; i++) {
      txs.add(client.put("pipe/" + (i % KEYS), Integer.toString(i)));
    }
    Bytes root;
    long height;
    try (ChanceryNode node = net.start()) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + node.apiPort();
      for (int from = 0; from < txs.size(); from += 100) {
        String body =
            txs.subList(from, from + 100).stream()
                .map(tx -> "\"" + Base64.getEncoder().encodeToString(tx.encoded()) + "\"")
                .collect(Collectors.joining(",", "{\"transactions\":[", "]}"));
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/transactions:batch"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"accepted\":100");
      }
      // Blocks take the oldest pending transactions and commit in height order, so once this one
      // is committed every earlier one is.
      HttpResponse<String> last =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/transactions?wait=commit"))
                  .header("Content-Type", "application/x-protobuf")
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          client.put("pipe/last", "1").encoded()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(last.body()).contains("\"status\":\"committed\"");

      height = node.ledger().height();
      assertThat(height).isGreaterThanOrEqualTo(txs.size() / 25);
      for (Transaction tx : txs) {
        assertThat(node.ledger().blocks().locate(tx.txId())).as(tx.toString()).isPresent();
      }
      long total = 0;
      for (long h = 1; h <= height; h++) {
        total += node.ledger().blocks().block(h).orElseThrow().transactions().size();
      }
      assertThat(total).as("each transaction in exactly one block").isEqualTo(txs.size() + 1);
      for (int k = 0; k < KEYS; k++) {
        int lastWrite = (WRITES_PER_KEY - 1) * KEYS + k;
        assertThat(
                new String(
                    node.ledger().state().get(new StateKey("kv", "pipe/" + k)).orElseThrow(),
                    java.nio.charset.StandardCharsets.UTF_8))
            .contains("\"value\":" + lastWrite)
            // Each write read the one before, across blocks in flight: a block executed on a
            // stale state would count fewer.
            .contains("\"version\":" + WRITES_PER_KEY);
      }
      assertThat(
              new ChainVerifier(net.suite, net.genesis.chainId(), net.genesis.validatorSet())
                  .verify(node.ledger().blocks(), node.ledger().genesisHash()))
          .isEqualTo(height);
      root = node.ledger().state().root();
    }
    try (ChanceryNode again = net.start()) {
      assertThat(again.ledger().height()).isEqualTo(height);
      assertThat(again.ledger().state().root()).isEqualTo(root);
    }
  }
}
