package org.chancery.sdk.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server that answers like a node with canned responses, and records what it was asked.
 * Tests of the client's parsing and error handling; the real node's API is tested end to end where
 * the node is built.
 */
public final class StubNode implements AutoCloseable {
  /** A request as the stub received it. */
  public record Request(
      String method, String rawPath, String rawQuery, String contentType, byte[] body) {}

  /** A canned answer. */
  public record Answer(int status, String contentType, String body, long delayMillis) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();

  public StubNode() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          URI uri = exchange.getRequestURI();
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  uri.getRawPath(),
                  uri.getRawQuery(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body));
          Answer a =
              answers.getOrDefault(
                  exchange.getRequestMethod() + " " + uri.getRawPath(),
                  new Answer(
                      404,
                      "application/problem+json",
                      "{\"type\":\"urn:chancery:error:not-found\",\"title\":\"Not found\","
                          + "\"status\":404,\"detail\":\"no resource\",\"instance\":\""
                          + uri.getRawPath()
                          + "\"}",
                      0));
          if (a.delayMillis() > 0) {
            try {
              Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", a.contentType());
          exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
          }
        });
    server.start();
  }

  /** Answers {@code method path} (raw path, no query) with JSON. */
  public StubNode json(String method, String path, int status, String body) {
    answers.put(method + " " + path, new Answer(status, "application/json", body, 0));
    return this;
  }

  /** Answers {@code method path} with an RFC 9457 problem. */
  public StubNode problem(String method, String path, int status, String code, String detail) {
    String body =
        "{\"type\":\"urn:chancery:error:"
            + code
            + "\",\"title\":\"T\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\",\"instance\":\""
            + path
            + "\"}";
    answers.put(method + " " + path, new Answer(status, "application/problem+json", body, 0));
    return this;
  }

  public StubNode answer(String method, String path, Answer answer) {
    answers.put(method + " " + path, answer);
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public Request last() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
