package org.chancery.cli.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.chancery.cli.CliRun;
import org.chancery.sdk.testing.StubNode;
import org.junit.jupiter.api.Test;

class StateGetCommandTest {

  @Test
  void contractAndKeyAreRequired() {
    CliRun run = CliRun.of("state", "get", "--node", "http://127.0.0.1:7200", "kv");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'KEY'");
  }

  @Test
  void showsAJsonValue() throws Exception {
    String stored = "{\"owner\":\"org1\",\"version\":1,\"value\":{\"n\":1}}";
    try (StubNode node = new StubNode()) {
      node.json(
          "GET",
          "/v1/state/kv/permit%2F1",
          200,
          "{\"contract\":\"kv\",\"key\":\"permit/1\",\"height\":5,\"exists\":true,\"value\":\""
              + Base64.getEncoder().encodeToString(stored.getBytes(StandardCharsets.UTF_8))
              + "\",\"json\":"
              + stored
              + "}");

      CliRun human = CliRun.of("state", "get", "--node", node.url(), "kv", "permit/1");
      CliRun json = CliRun.of("state", "get", "--node", node.url(), "kv", "permit/1", "--json");

      assertThat(human.exit()).as(human.err()).isZero();
      assertThat(human.out()).contains("kv/permit/1 at height 5:").contains("\"owner\" : \"org1\"");
      assertThat(json.json().at("/json/value/n").asInt()).isEqualTo(1);
      assertThat(json.json().path("value").asText())
          .isEqualTo(Base64.getEncoder().encodeToString(stored.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void anUnknownKeyExitsWith1() throws Exception {
    try (StubNode node = new StubNode()) {
      node.problem("GET", "/v1/state/kv/nope", 404, "unknown-key", "contract 'kv' has no key");

      CliRun run = CliRun.of("state", "get", "--node", node.url(), "kv", "nope", "--json");

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("error: unknown-key (HTTP 404)");
      assertThat(run.json().at("/error/code").asText()).isEqualTo("unknown-key");
    }
  }
}
