package org.chancery.cli.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Asks a node's API {@code GET /health}: 200 {@code {"status":"ok","height":N}} when it serves and
 * produces blocks, 503 with a {@code detail} when block production stopped.
 *
 * <pre>{@code
 * try (HealthProbe probe = new HealthProbe(Duration.ofSeconds(2))) {
 *   NodeHealth health = probe.probe(URI.create("http://127.0.0.1:7200"));
 * }
 * }</pre>
 */
public final class HealthProbe implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param timeout how long one request may take; a socket that accepts but never answers (not a
   *     node) counts as unreachable after it
   */
  public HealthProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * Probes the API at {@code api} once.
   *
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  public NodeHealth probe(URI api) throws InterruptedException {
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(api.resolve("/health")).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return NodeHealth.unreachable("no answer within " + timeout.toMillis() + " ms");
    } catch (java.net.ConnectException e) {
      return NodeHealth.unreachable("not listening (connection refused)");
    } catch (IOException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      return NodeHealth.unreachable("cannot connect: " + why);
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      return new NodeHealth(
          true, false, null, "HTTP " + r.statusCode() + " that is not a node's health document");
    }
    Long height = body.path("height").canConvertToLong() ? body.path("height").asLong() : null;
    if (r.statusCode() == 200 && height != null) {
      return new NodeHealth(true, true, height, null);
    }
    String detail = body.path("detail").asText("HTTP " + r.statusCode());
    return new NodeHealth(true, false, height, detail);
  }

  @Override
  public void close() {
    http.close();
  }
}
