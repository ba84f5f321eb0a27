package org.chancery.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;
import org.chancery.sdk.ApiResponses.MalformedResponseException;

/**
 * A client of one node's REST API ({@code /v1}). Thread-safe; create one per node and share it.
 * Every call is synchronous and either returns the documented result or throws a {@link
 * ChanceryClientException}: {@link ChanceryApiException} when the node answered with a problem (its
 * {@code code()} is the stable error code), {@link NodeUnreachableException} when it did not
 * answer, {@link UnexpectedResponseException} when the answer is not what the API documents.
 *
 * <pre>{@code
 * try (ChanceryClient client = ChanceryClient.connect("http://127.0.0.1:7200")) {
 *   Identity me = Identity.load(Path.of("/tmp/net/orgs/org1/users/client"));
 *   Transaction tx = client.newTransaction(me)
 *       .build("kv", "put", "{\"key\": \"permit/1\", \"value\": {\"n\": 1}}");
 *   TransactionResult result = client.submitAndWait(tx, Duration.ofSeconds(10));
 *   if (result instanceof TransactionResult.Included in) {
 *     System.out.println(in.status() + " in block " + in.height());
 *   }
 *   TransactionResult.Included withProof =
 *       (TransactionResult.Included) client.transaction(tx.txId(), true);
 * }
 * }</pre>
 */
public final class ChanceryClient implements AutoCloseable {
  /** How long to wait for a TCP connection unless {@link Builder#connectTimeout} says otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long to wait for an answer unless {@link Builder#requestTimeout} says otherwise. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROTOBUF = "application/x-protobuf";
  private static final int MAX_EXCERPT = 200;

  private final URI node;
  private final HttpClient http;
  private final Duration requestTimeout;
  private volatile NodeStatus chain;

  private ChanceryClient(URI node, Duration connectTimeout, Duration requestTimeout) {
    this.node = node;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A client of the node at {@code url} with the default timeouts.
   *
   * @throws IllegalArgumentException if {@code url} is not an http or https URL
   */
  public static ChanceryClient connect(String url) {
    return builder(nodeUrl(url)).build();
  }

  /**
   * A client of the node at {@code node} with the default timeouts.
   *
   * @throws IllegalArgumentException if {@code node} is not an http or https URL
   */
  public static ChanceryClient connect(URI node) {
    return builder(node).build();
  }

  /** Starts configuring a client of the node at {@code node}. */
  public static Builder builder(URI node) {
    return new Builder(node);
  }

  /**
   * Parses a node URL such as {@code http://127.0.0.1:7200}: http or https, a host, an optional
   * port and base path, no query or fragment.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static URI nodeUrl(String url) {
    Objects.requireNonNull(url, "url");
    try {
      return checkedNodeUrl(new URI(url.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "node URL '" + url + "' is not a URL: " + e.getReason(), e);
    }
  }

  private static URI checkedNodeUrl(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "node URL '" + uri + "' must start with http:// or https://, like http://127.0.0.1:7200");
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "node URL '" + uri + "' must be scheme://host[:port][/path], like http://127.0.0.1:7200");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return URI.create(
        scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
  }

  /** Configures a {@link ChanceryClient}. */
  public static final class Builder {
    private final URI node;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    private Builder(URI node) {
      this.node = checkedNodeUrl(Objects.requireNonNull(node, "node"));
    }

    /** How long to wait for a TCP connection. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connect timeout");
      return this;
    }

    /**
     * How long to wait for an answer to a request; {@link #submitAndWait} adds its own wait to
     * this.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "request timeout");
      return this;
    }

    public ChanceryClient build() {
      return new ChanceryClient(node, connectTimeout, requestTimeout);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }
  }

  /** The node's base URL, ending in {@code /}. */
  public URI node() {
    return node;
  }

  /** {@code GET /v1/status}: the node's chain, suite and height. */
  public NodeStatus status() {
    NodeStatus s = get("v1/status", ApiResponses::status);
    chain = s;
    return s;
  }

  /**
   * A {@link TransactionBuilder} for this node's chain signed by {@code identity}. The first call
   * asks the node for its chain id and suite ({@code GET /v1/status}); later calls reuse them.
   *
   * @throws IdentityException with code {@code wrong-suite} if the identity's key does not suit the
   *     chain
   */
  public TransactionBuilder newTransaction(Identity identity) {
    NodeStatus s = chain;
    if (s == null) {
      s = status();
    }
    return new TransactionBuilder(s.chainId(), s.cryptoSuite(), identity);
  }

  /**
   * {@code POST /v1/transactions}: hands the transaction to the node, which checks it and admits it
   * to its mempool. Returns at once with {@link TransactionResult.Pending}.
   *
   * @throws ChanceryApiException if the node rejects it, for example {@code bad-signature}, {@code
   *     replayed}, {@code unknown-member} or {@code mempool-full}
   */
  public TransactionResult submit(Transaction tx) {
    return post("v1/transactions", tx, requestTimeout);
  }

  /**
   * {@code POST /v1/transactions?wait=commit}: hands the transaction to the node and waits up to
   * {@code timeout} for its block. Returns {@link TransactionResult.Included} with the receipt
   * (status committed or failed), or {@link TransactionResult.Pending} if the wait ran out; the
   * transaction may still commit later, so look it up with {@link #transaction} rather than
   * submitting a new one.
   *
   * @param timeout how long the node waits; at most the node's limit (60 s by default)
   * @throws ChanceryApiException if the node rejects the transaction or the timeout
   */
  public TransactionResult submitAndWait(Transaction tx, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    return post(
        "v1/transactions?wait=commit&timeout=" + timeout.toMillis() + "ms",
        tx,
        requestTimeout.plus(timeout));
  }

  /**
   * {@code GET /v1/transactions/{txId}}: pending, or included with its block, receipt and the
   * transaction itself; with {@code proof}, also the inclusion proof for {@link OfflineVerifier}.
   *
   * @throws ChanceryApiException with code {@code unknown-transaction} if the node has neither
   *     pending nor committed it
   */
  public TransactionResult transaction(Bytes txId, boolean proof) {
    Objects.requireNonNull(txId, "txId");
    return get(
        "v1/transactions/" + txId.hex() + (proof ? "?proof=true" : ""), ApiResponses::transaction);
  }

  /**
   * As {@link #transaction(Bytes, boolean)}, with the id as 64 hex digits.
   *
   * @throws IllegalArgumentException if {@code txId} is not 64 hex digits
   */
  public TransactionResult transaction(String txId, boolean proof) {
    return transaction(parseTxId(txId), proof);
  }

  /**
   * Parses a transaction id.
   *
   * @throws IllegalArgumentException if {@code text} is not 64 hex digits
   */
  public static Bytes parseTxId(String text) {
    if (text == null || !text.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "a transaction id is 64 hex digits, got '" + (text == null ? "" : text) + "'");
    }
    return Bytes.of(HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT)));
  }

  /**
   * {@code GET /v1/blocks/{height}}.
   *
   * @throws IllegalArgumentException if {@code height} is below 1
   * @throws ChanceryApiException with code {@code unknown-block} if there is no such block yet
   */
  public BlockInfo block(long height) {
    if (height < 1) {
      throw new IllegalArgumentException("block heights start at 1, got " + height);
    }
    return get("v1/blocks/" + height, ApiResponses::block);
  }

  /**
   * {@code GET /v1/blocks/latest}.
   *
   * @throws ChanceryApiException with code {@code unknown-block} before the first block
   */
  public BlockInfo latestBlock() {
    return get("v1/blocks/latest", ApiResponses::block);
  }

  /**
   * {@code GET /v1/state/{contract}/{key}}: the value a contract stored under a key, in the latest
   * state.
   *
   * @throws ChanceryApiException with code {@code unknown-key} if there is no such key
   */
  public StateEntry state(String contract, String key) {
    if (contract == null || contract.isEmpty() || key == null || key.isEmpty()) {
      throw new IllegalArgumentException("contract and key must not be empty");
    }
    return get(
        "v1/state/" + encodeSegment(contract) + "/" + encodeSegment(key), ApiResponses::state);
  }

  /**
   * {@code GET /v1/state/{contract}/{key}?proof=true}: the latest value (or absence) with a proof
   * to check offline with {@link OfflineVerifier#verifyState}.
   */
  public StateProofResponse stateProof(String contract, String key) {
    return stateProof(contract, key, 0);
  }

  /**
   * The value (or absence) at block {@code height} with its proof; heights older than the node's
   * retention window answer {@code state-pruned}.
   *
   * @param height a block height, or 0 for the latest
   */
  public StateProofResponse stateProof(String contract, String key, long height) {
    if (contract == null || contract.isEmpty() || key == null || key.isEmpty()) {
      throw new IllegalArgumentException("contract and key must not be empty");
    }
    return get(
        "v1/state/"
            + encodeSegment(contract)
            + "/"
            + encodeSegment(key)
            + "?proof=true"
            + (height > 0 ? "&height=" + height : ""),
        ApiResponses::stateProof);
  }

  /**
   * {@code GET} of an API resource this class has no method for, such as {@code v1/evidence/{id}}:
   * the JSON object the node answered. For API clients built on this one, like {@code
   * EvidenceClient}.
   *
   * @param pathAndQuery the path relative to the node URL, with its query, already percent-encoded
   * @throws ChanceryApiException if the node answered with a problem
   * @throws UnexpectedResponseException if it answered something other than a JSON object
   */
  public JsonNode getJson(String pathAndQuery) {
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    return get(pathAndQuery, body -> body);
  }

  /**
   * {@code GET} of an API resource in a media type other than JSON, for example a PDF: the exact
   * bytes of a 200 answer.
   *
   * @param pathAndQuery the path relative to the node URL, with its query, already percent-encoded
   * @param mediaType the media type asked for in {@code Accept}, which the answer must have
   * @throws ChanceryApiException if the node answered with a problem
   * @throws UnexpectedResponseException if it answered another status or media type
   */
  public byte[] getBytes(String pathAndQuery, String mediaType) {
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    Objects.requireNonNull(mediaType, "mediaType");
    HttpRequest request =
        HttpRequest.newBuilder(node.resolve(pathAndQuery))
            .timeout(requestTimeout)
            .header("Accept", mediaType + ", application/problem+json")
            .GET()
            .build();
    HttpResponse<byte[]> response = send(request);
    int status = response.statusCode();
    if (status >= 400) {
      throw problem(response);
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (status != 200 || !type.toLowerCase(Locale.ROOT).startsWith(mediaType)) {
      throw new UnexpectedResponseException(
          node,
          status,
          "node "
              + node
              + " answered "
              + status
              + " "
              + (type.isEmpty() ? "without a media type" : type)
              + " to "
              + response.uri().getRawPath()
              + ", not "
              + mediaType,
          null);
    }
    return response.body();
  }

  /** Releases the client's connections; calls in progress finish first. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "ChanceryClient[" + node + "]";
  }

  private <T> T get(String path, Function<JsonNode, T> reader) {
    HttpRequest request =
        HttpRequest.newBuilder(node.resolve(path))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    return read(send(request), reader);
  }

  private TransactionResult post(String path, Transaction tx, Duration timeout) {
    Objects.requireNonNull(tx, "tx");
    HttpRequest request =
        HttpRequest.newBuilder(node.resolve(path))
            .timeout(timeout)
            .header("Content-Type", PROTOBUF)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(tx.encoded()))
            .build();
    return read(send(request), ApiResponses::transaction);
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new NodeUnreachableException(
          node, "could not connect to node " + node + " in time; is it running and reachable?", e);
    } catch (HttpTimeoutException e) {
      throw new NodeUnreachableException(
          node, "node " + node + " did not answer " + request.uri().getRawPath() + " in time", e);
    } catch (ConnectException e) {
      throw new NodeUnreachableException(
          node,
          "cannot connect to node "
              + node
              + " (connection refused); is it running? Start one with 'chancery node start'",
          e);
    } catch (IOException e) {
      throw new NodeUnreachableException(
          node, "talking to node " + node + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnreachableException(node, "interrupted while waiting for node " + node, e);
    }
  }

  private <T> T read(HttpResponse<byte[]> response, Function<JsonNode, T> reader) {
    int status = response.statusCode();
    if (status >= 400) {
      throw problem(response);
    }
    if (status != 200 && status != 202) {
      throw new UnexpectedResponseException(
          node,
          status,
          "node " + node + " answered " + status + " to " + response.uri().getRawPath(),
          null);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UnexpectedResponseException(
          node,
          status,
          "node "
              + node
              + " answered "
              + status
              + " with something other than JSON: "
              + excerpt(response.body()),
          e);
    }
    if (body == null || !body.isObject()) {
      throw new UnexpectedResponseException(
          node, status, "node " + node + " answered " + status + " without a JSON object", null);
    }
    try {
      return reader.apply(body);
    } catch (MalformedResponseException e) {
      throw new UnexpectedResponseException(
          node,
          status,
          "node "
              + node
              + " answered "
              + response.uri().getRawPath()
              + " unexpectedly: "
              + e.getMessage(),
          e);
    }
  }

  private ChanceryApiException problem(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String path = response.uri().getRawPath();
    JsonNode body = null;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      // Not JSON (a proxy's page, say): described below from the raw body.
    }
    if (body != null && body.isObject() && body.path("type").isTextual()) {
      return new ChanceryApiException(
          node,
          status,
          body.get("type").asText(),
          body.path("title").asText(""),
          body.path("detail").asText(""),
          body.path("instance").asText(path));
    }
    String text = excerpt(response.body());
    return new ChanceryApiException(
        node,
        status,
        "about:blank",
        "HTTP " + status,
        text.isEmpty() ? "no details given" : text,
        path);
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return text.length() <= MAX_EXCERPT ? text : text.substring(0, MAX_EXCERPT) + "...";
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  static String encodeSegment(String segment) {
    // "." and ".." would be taken as dot segments and resolved away.
    boolean dots = segment.equals(".") || segment.equals("..");
    StringBuilder sb = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || (c == '.' && !dots)
          || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return sb.toString();
  }
}
