package org.chancery.cli.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The three API calls a benchmark makes, on the JDK's HTTP client with keep-alive connections:
 * submit (one transaction, or a batch), read a block's transaction ids, read the status. Lean on
 * purpose: it runs on the same cores as the node it measures. Thread-safe.
 *
 * <pre>{@code
 * BenchClient client = new BenchClient(Duration.ofSeconds(30));
 * String[] outcome = client.submit(node, List.of(encoded)); // null = accepted, else error code
 * Optional<List<String>> ids = client.blockTxIds(node, 7);  // empty until block 7 exists
 * }</pre>
 */
final class BenchClient {
  /** The outcome code of a transaction whose request failed without an answer. */
  static final String TRANSPORT_ERROR = "transport-error";

  private static final String PROBLEM_PREFIX = "urn:chancery:error:";
  private static final byte[] BATCH_START =
      "{\"transactions\":[\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BATCH_SEPARATOR = "\",\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BATCH_END = "\"]}".getBytes(StandardCharsets.US_ASCII);

  private final HttpClient http;
  private final Duration requestTimeout;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<String> firstTransportError = new AtomicReference<>();

  BenchClient(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * Submits {@code txs} to {@code node}: one alone with {@code POST /v1/transactions}, several with
   * {@code POST /v1/transactions:batch}.
   *
   * @return for each transaction, null if the node accepted it, otherwise its error code (the tail
   *     of the problem type), or {@link #TRANSPORT_ERROR}
   */
  String[] submit(URI node, List<byte[]> txs) {
    String[] outcome = new String[txs.size()];
    try {
      if (txs.size() == 1) {
        HttpResponse<byte[]> r =
            send(
                HttpRequest.newBuilder(node.resolve("/v1/transactions"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(txs.get(0))));
        outcome[0] = r.statusCode() == 202 ? null : problemCode(r);
        return outcome;
      }
      HttpResponse<byte[]> r =
          send(
              HttpRequest.newBuilder(node.resolve("/v1/transactions:batch"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(batchBody(txs))));
      if (r.statusCode() != 200) {
        Arrays.fill(outcome, problemCode(r));
        return outcome;
      }
      if (noneRejected(r.body())) {
        return outcome;
      }
      JsonNode results = json.readTree(r.body()).path("results");
      for (int i = 0; i < outcome.length; i++) {
        JsonNode result = results.path(i);
        outcome[i] =
            result.path("status").asText().equals("pending")
                ? null
                : code(result.path("problem").path("type").asText());
      }
      return outcome;
    } catch (IOException e) {
      firstTransportError.compareAndSet(null, node + ": " + e);
      Arrays.fill(outcome, TRANSPORT_ERROR);
      return outcome;
    }
  }

  /** The first request that failed without an answer, for the report's diagnostics. */
  Optional<String> firstTransportError() {
    return Optional.ofNullable(firstTransportError.get());
  }

  /**
   * The ids of the transactions of block {@code height} in {@code node}'s chain, or empty if the
   * node has no such block yet.
   *
   * @throws BenchException if the node cannot be reached or answers anything else
   */
  Optional<List<String>> blockTxIds(URI node, long height) {
    HttpResponse<byte[]> r = get(node.resolve("/v1/blocks/" + height));
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    if (r.statusCode() != 200) {
      parse(node, r);
    }
    // Streamed: only the transaction ids are needed, and blocks can hold thousands.
    List<String> ids = new ArrayList<>();
    try (JsonParser p = json.getFactory().createParser(r.body())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BenchException(r.uri() + " answered a block that is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!field.equals("transactions")) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("txId")) {
              ids.add(p.getText());
            } else {
              p.skipChildren();
            }
          }
        }
      }
    } catch (IOException e) {
      throw new BenchException(r.uri() + " answered a block that is not JSON: " + e, e);
    }
    return Optional.of(ids);
  }

  /**
   * Whether a batch answer says {@code "rejected": 0}, read from its head: the node writes the
   * counts before the per-transaction results, which then need no parsing.
   */
  private boolean noneRejected(byte[] body) throws IOException {
    try (JsonParser p = json.getFactory().createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("rejected")) {
          return p.getIntValue() == 0;
        }
        p.skipChildren();
      }
    }
    return false;
  }

  /**
   * {@code GET /v1/status}.
   *
   * @throws BenchException if the node cannot be reached or does not answer 200
   */
  JsonNode status(URI node) {
    return parse(node, get(node.resolve("/v1/status")));
  }

  /**
   * The node process's CPU seconds so far ({@code process_cpu_seconds_total} from {@code
   * /metrics}), or NaN if the node does not export it or cannot be reached.
   */
  double processCpuSeconds(URI node) {
    try {
      HttpResponse<byte[]> r = send(HttpRequest.newBuilder(node.resolve("/metrics")).GET());
      if (r.statusCode() == 200) {
        for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\n")) {
          if (line.startsWith("process_cpu_seconds_total ")) {
            return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Reported as unknown.
    }
    return Double.NaN;
  }

  private HttpResponse<byte[]> get(URI uri) {
    try {
      return send(HttpRequest.newBuilder(uri).GET());
    } catch (IOException e) {
      throw new BenchException("cannot reach " + uri + ": " + e + "; is the node running?", e);
    }
  }

  private JsonNode parse(URI node, HttpResponse<byte[]> r) {
    if (r.statusCode() != 200) {
      throw new BenchException(
          r.uri()
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    try {
      return json.readTree(r.body());
    } catch (IOException e) {
      throw new BenchException(node + " answered something that is not JSON: " + e, e);
    }
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(
          request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static byte[] batchBody(List<byte[]> txs) {
    Base64.Encoder base64 = Base64.getEncoder();
    ByteArrayOutputStream out = new ByteArrayOutputStream(txs.size() * 1300);
    out.writeBytes(BATCH_START);
    for (int i = 0; i < txs.size(); i++) {
      if (i > 0) {
        out.writeBytes(BATCH_SEPARATOR);
      }
      out.writeBytes(base64.encode(txs.get(i)));
    }
    out.writeBytes(BATCH_END);
    return out.toByteArray();
  }

  /** The error code of a problem response, or {@code http-<status>} for anything else. */
  private String problemCode(HttpResponse<byte[]> r) {
    try {
      String type = json.readTree(r.body()).path("type").asText();
      if (type.startsWith(PROBLEM_PREFIX)) {
        return code(type);
      }
    } catch (IOException e) {
      // Not a problem document: named by its status below.
    }
    return "http-" + r.statusCode();
  }

  private static String code(String type) {
    return type.startsWith(PROBLEM_PREFIX) ? type.substring(PROBLEM_PREFIX.length()) : type;
  }
}
