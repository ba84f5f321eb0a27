package org.chancery.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.chancery.node.ChanceryNode;
import org.chancery.node.TestNetwork;
import org.chancery.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overload answers 429 and 503 instead of queueing without bound, and the node keeps serving. */
class RequestLimitsTest {

  @Test
  void aClientOverItsRateGets429WithRetryAfter(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir);
    net.setRequestLimits(new NodeConfig.RequestLimits(64, 5, 5));
    try (ChanceryNode node = net.start()) {
      Http http = new Http(node.apiPort());
      HttpClient raw = HttpClient.newHttpClient();
      HttpResponse<String> limited = null;
      for (int i = 0; i < 20 && limited == null; i++) {
        HttpResponse<String> r =
            raw.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.apiPort() + "/v1/status"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 429) {
          limited = r;
        }
      }
      assertThat(limited).as("a 429 within 20 quick requests at 5/s").isNotNull();
      assertThat(limited.headers().firstValue("Retry-After")).contains("1");
      assertThat(limited.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(limited.body()).contains("urn:chancery:error:too-many-requests");
      Thread.sleep(1200);
      assertThat(http.get("/v1/status").status()).isEqualTo(200);
    }
  }

  @Test
  void requestsBeyondTheConcurrencyBoundGet503(@TempDir Path dir) throws Exception {
    TestNetwork net = TestNetwork.create(dir, "sm", TestNetwork.slow());
    net.setRequestLimits(new NodeConfig.RequestLimits(1, 0, 1));
    try (ChanceryNode node = net.start()) {
      Http http = new Http(node.apiPort());
      byte[] tx = net.client().put("held", "1").encoded();
      // Retried while the probes below hold the one permit; once it has it, it holds it 3 s.
      CompletableFuture<Http.Response> holding =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  Http.Response r;
                  do {
                    r =
                        http.post(
                            "/v1/transactions?wait=commit&timeout=3s",
                            "application/x-protobuf",
                            tx);
                  } while (r.status() == 503);
                  return r;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Http.Response overloaded = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (overloaded == null && System.nanoTime() < deadline) {
        Http.Response r = http.get("/v1/status");
        if (r.status() == 503) {
          overloaded = r;
        }
      }
      assertThat(overloaded).as("a 503 while the one permitted request waits").isNotNull();
      assertThat(overloaded.problemCode()).isEqualTo("overloaded");
      assertThat(holding.get().status()).isEqualTo(202);
      assertThat(http.get("/v1/status").status()).isEqualTo(200);
    }
  }
}
