package org.chancery.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.Receipt;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.Transaction;
import org.chancery.ledger.chain.TxLocation;
import org.chancery.ledger.mempool.MempoolFullException;
import org.chancery.ledger.mempool.Submission;
import org.chancery.ledger.state.StateKey;
import org.chancery.node.commit.TxOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's REST API on the JDK's HTTP server, one virtual thread per request. Every error is RFC
 * 9457 problem+json with a stable {@code urn:chancery:error:<code>} type; the endpoints are
 * documented in {@code docs/api.md} and {@code /v1/openapi.json}.
 *
 * <pre>{@code
 * ApiServer api = new ApiServer(new InetSocketAddress("127.0.0.1", 7200), context);
 * api.start();
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;

  private final ApiContext ctx;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Semaphore inFlight;
  private final ClientRateLimiter rateLimiter;
  private final EvidenceApi evidence;

  public ApiServer(InetSocketAddress bind, ApiContext ctx) throws IOException {
    this.ctx = ctx;
    this.server = bind(bind);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.inFlight = new Semaphore(ctx.limits().maxConcurrentRequests());
    this.rateLimiter =
        new ClientRateLimiter(ctx.limits().perClientPerSecond(), ctx.limits().perClientBurst());
    this.evidence = new EvidenceApi(ctx);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Binds the port, naming the address when it is taken: the JDK's message does not. */
  private static HttpServer bind(InetSocketAddress bind) throws IOException {
    try {
      return HttpServer.create(bind, 1024);
    } catch (BindException e) {
      BindException named =
          new BindException(
              "cannot serve the API on "
                  + bind.getHostString()
                  + ":"
                  + bind.getPort()
                  + ": "
                  + e.getMessage()
                  + "; stop the process using that port, or change api.listen in node.yaml");
      named.initCause(e);
      throw named;
    }
  }

  public void start() {
    server.start();
  }

  /** The bound port (useful when binding port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    if (!rateLimiter.tryAcquire(exchange.getRemoteAddress().getAddress(), System.nanoTime())) {
      exchange
          .getResponseHeaders()
          .set("Retry-After", Long.toString(rateLimiter.retryAfterSeconds()));
      int status =
          respondProblem(
              exchange,
              new ApiException(
                  429,
                  "too-many-requests",
                  "this client sends more than "
                      + ctx.limits().perClientPerSecond()
                      + " requests per second; slow down and retry"));
      exchange.close();
      ctx.metrics().increment("chancery_http_responses_total", "status", Integer.toString(status));
      return;
    }
    if (!inFlight.tryAcquire()) {
      int status =
          respondProblem(
              exchange,
              new ApiException(
                  503,
                  "overloaded",
                  "the node is serving "
                      + ctx.limits().maxConcurrentRequests()
                      + " requests; retry shortly"));
      exchange.close();
      ctx.metrics().increment("chancery_http_responses_total", "status", Integer.toString(status));
      return;
    }
    String path = exchange.getRequestURI().getRawPath();
    int status;
    try {
      status = route(exchange, exchange.getRequestMethod(), path);
    } catch (ApiException e) {
      status = respondProblem(exchange, e);
    } catch (InvalidTransactionException e) {
      ctx.metrics().increment("chancery_transactions_rejected_total", "code", e.code());
      status =
          respondProblem(
              exchange, new ApiException(Problems.status(e.code()), e.code(), e.getMessage()));
    } catch (MempoolFullException e) {
      ctx.metrics().increment("chancery_transactions_rejected_total", "code", e.code());
      status = respondProblem(exchange, new ApiException(503, e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      log.error("request {} {} failed", exchange.getRequestMethod(), path, e);
      status =
          respondProblem(
              exchange,
              new ApiException(
                  500,
                  "internal-error",
                  "the node failed to serve this request; its log has the details"));
    } catch (IOException e) {
      status = 0;
      log.debug(
          "client went away during {} {}: {}", exchange.getRequestMethod(), path, e.toString());
    } finally {
      inFlight.release();
      exchange.close();
    }
    ctx.metrics().increment("chancery_http_responses_total", "status", Integer.toString(status));
  }

  private int route(HttpExchange ex, String method, String path) throws IOException {
    String[] parts = path.split("/", -1);
    if (path.equals("/health")) {
      requireGet(method);
      Optional<String> problem = ctx.problem().get();
      ObjectNode n = JsonViews.JSON.createObjectNode();
      n.put("status", problem.isPresent() ? "failing" : "ok");
      problem.ifPresent(p -> n.put("detail", p));
      n.put("height", ctx.ledger().height());
      return respondJson(ex, problem.isPresent() ? 503 : 200, n);
    }
    if (path.equals("/metrics")) {
      requireGet(method);
      return respond(
          ex,
          200,
          "text/plain; version=0.0.4; charset=utf-8",
          ctx.metrics().render().getBytes(StandardCharsets.UTF_8));
    }
    if (path.equals("/v1/openapi.json")) {
      requireGet(method);
      try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.json")) {
        if (in == null) {
          throw new ApiException(404, "not-found", "this build has no OpenAPI document");
        }
        return respond(ex, 200, "application/json", in.readAllBytes());
      }
    }
    if (path.equals("/v1/status")) {
      requireGet(method);
      return respondJson(ex, 200, status());
    }
    if (path.equals("/v1/consensus/evidence")) {
      requireGet(method);
      return respondJson(ex, 200, JsonViews.evidence(ctx.consensusView().evidence()));
    }
    if (path.equals("/v1/transactions:batch")) {
      if (!method.equals("POST")) {
        throw new ApiException(405, "method-not-allowed", "use POST to submit a batch");
      }
      return submitBatch(ex);
    }
    if (path.equals("/v1/transactions")) {
      if (!method.equals("POST")) {
        throw new ApiException(405, "method-not-allowed", "use POST to submit a transaction");
      }
      return submit(ex);
    }
    if (parts.length == 4 && path.startsWith("/v1/transactions/")) {
      requireGet(method);
      return getTransaction(ex, parts[3]);
    }
    if (parts.length == 4 && path.startsWith("/v1/blocks/")) {
      requireGet(method);
      return getBlock(ex, parts[3]);
    }
    if (EvidenceApi.handles(path)) {
      requireGet(method);
      EvidenceApi.Reply reply =
          evidence.get(path, query(ex.getRequestURI()), ex.getRequestHeaders().getFirst("Accept"));
      return respond(ex, 200, reply.contentType(), reply.body());
    }
    if (parts.length >= 5 && path.startsWith("/v1/state/")) {
      requireGet(method);
      String contract = decode(parts[3]);
      String key = decode(String.join("/", java.util.Arrays.copyOfRange(parts, 4, parts.length)));
      return getState(ex, contract, key);
    }
    throw new ApiException(404, "not-found", "no resource at " + path + "; see /v1/openapi.json");
  }

  private ObjectNode status() {
    ObjectNode n = JsonViews.JSON.createObjectNode();
    long height = ctx.ledger().height();
    n.put("chainId", ctx.ledger().chainId());
    n.put("suite", ctx.ledger().suite().name());
    n.put("genesisHash", ctx.ledger().genesisHash().hex());
    n.put("node", ctx.node());
    n.put("organisation", ctx.organisation());
    n.put("validator", ctx.validator());
    n.put("consensus", ctx.consensus());
    n.put("height", height);
    n.put("latestBlockHash", ctx.ledger().lastHash().hex());
    n.put("latestBlockTime", ctx.ledger().lastTime().toString());
    n.put("stateRoot", ctx.ledger().state().root().hex());
    ObjectNode round = n.putObject("consensusState");
    round.put("height", ctx.consensusView().height());
    round.put("round", ctx.consensusView().round());
    round.put("step", ctx.consensusView().step());
    ObjectNode peers = round.putObject("peerHeights");
    ctx.consensusView().peerHeights().forEach(peers::put);
    ObjectNode pool = n.putObject("mempool");
    pool.put("size", ctx.mempool().size());
    pool.put("bytes", ctx.mempool().bytes());
    pool.put("capacity", ctx.mempool().capacity());
    return n;
  }

  private static String contentType(HttpExchange ex) {
    return Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type"))
        .orElse("")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private int submit(HttpExchange ex) throws IOException {
    String type = contentType(ex);
    byte[] body = readBody(ex, ctx.limits().maxBodyBytes());
    byte[] encoded;
    if (type.startsWith("application/x-protobuf") || type.startsWith("application/octet-stream")) {
      encoded = body;
    } else if (type.startsWith("application/json")) {
      encoded = envelope(body);
    } else {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "send the encoded transaction as application/x-protobuf, or as application/json"
              + " {\"transaction\": \"<base64>\"}");
    }
    Map<String, String> query = query(ex.getRequestURI());
    Transaction tx = ctx.mempool().submit(encoded);
    ctx.metrics().increment("chancery_transactions_accepted_total");
    ctx.onSubmit().accept(tx);
    if (!"commit".equals(query.get("wait"))) {
      ObjectNode n = JsonViews.JSON.createObjectNode();
      n.put("txId", tx.txId().hex());
      n.put("status", "pending");
      return respondJson(ex, 202, n);
    }
    Duration timeout = timeout(query.get("timeout"));
    CompletableFuture<TxOutcome> done = ctx.notifier().await(tx.txId());
    // The block may have been committed between admission and registering the waiter.
    Optional<TxLocation> already = ctx.ledger().blocks().locate(tx.txId());
    if (already.isPresent()) {
      ctx.notifier().forget(tx.txId());
      return respondJson(ex, 200, committedView(tx.txId(), already.get(), false));
    }
    try {
      TxOutcome outcome = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return respondJson(ex, 200, outcomeView(outcome));
    } catch (TimeoutException e) {
      ctx.notifier().forget(tx.txId());
      ObjectNode n = JsonViews.JSON.createObjectNode();
      n.put("txId", tx.txId().hex());
      n.put("status", "pending");
      n.put(
          "detail",
          "not committed within "
              + timeout.toMillis()
              + " ms; poll GET"
              + " /v1/transactions/"
              + tx.txId().hex());
      return respondJson(ex, 202, n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "unavailable", "the node is shutting down");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * {@code POST /v1/transactions:batch}: admits many transactions in one request, each judged on
   * its own (one result per transaction, in request order), their signatures checked in parallel.
   * Problems with the request as a whole (media type, envelope, size) answer problem+json.
   */
  private int submitBatch(HttpExchange ex) throws IOException {
    String type = contentType(ex);
    byte[] body = readBody(ex, ctx.limits().maxBatchBodyBytes());
    if (!type.startsWith("application/json")) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "send a batch as application/json {\"transactions\": [\"<base64>\", ...]}");
    }
    if (query(ex.getRequestURI()).containsKey("wait")) {
      throw new ApiException(
          400,
          "malformed-request",
          "a batch does not wait for commits; follow each transaction with GET"
              + " /v1/transactions/{txId}, or submit one with POST /v1/transactions?wait=commit");
    }
    List<byte[]> encoded = batchEnvelope(body);
    List<Submission> results = ctx.mempool().submitAll(encoded, executor);
    ObjectNode n = JsonViews.JSON.createObjectNode();
    ArrayNode list = JsonViews.JSON.createArrayNode();
    int accepted = 0;
    for (Submission result : results) {
      ObjectNode r = list.addObject();
      switch (result) {
        case Submission.Accepted a -> {
          accepted++;
          ctx.onSubmit().accept(a.transaction());
          r.put("txId", a.transaction().txId().hex());
          r.put("status", "pending");
        }
        case Submission.Rejected rejected -> {
          ctx.metrics().increment("chancery_transactions_rejected_total", "code", rejected.code());
          rejected.txId().ifPresent(id -> r.put("txId", id.hex()));
          r.put("status", "rejected");
          ObjectNode problem = r.putObject("problem");
          problem.put("type", "urn:chancery:error:" + rejected.code());
          problem.put("title", Problems.title(rejected.code()));
          problem.put("status", Problems.status(rejected.code()));
          problem.put("detail", rejected.message());
        }
      }
    }
    if (accepted > 0) {
      ctx.metrics().add("chancery_transactions_accepted_total", accepted);
    }
    n.put("accepted", accepted);
    n.put("rejected", results.size() - accepted);
    n.set("results", list);
    return respondJson(ex, 200, n);
  }

  /** The encoded transactions of {@code {"transactions": ["<base64>", ...]}}. */
  private List<byte[]> batchEnvelope(byte[] body) {
    JsonNode node;
    try {
      node = JsonViews.JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiException(400, "malformed-request", "body is not JSON: " + e.getMessage());
    }
    JsonNode txs = node == null ? null : node.get("transactions");
    if (txs == null || !txs.isArray()) {
      throw new ApiException(
          400,
          "malformed-request",
          "JSON body must be {\"transactions\": [\"<base64 of an encoded Transaction>\", ...]}");
    }
    int max = ctx.limits().maxBatchTransactions();
    if (txs.isEmpty() || txs.size() > max) {
      throw new ApiException(
          txs.isEmpty() ? 400 : 413,
          txs.isEmpty() ? "malformed-request" : "too-large",
          "a batch holds 1 to " + max + " transactions, this one " + txs.size());
    }
    List<byte[]> out = new ArrayList<>(txs.size());
    Base64.Decoder base64 = Base64.getDecoder();
    for (int i = 0; i < txs.size(); i++) {
      JsonNode tx = txs.get(i);
      if (!tx.isTextual()) {
        throw new ApiException(
            400, "malformed-request", "transactions[" + i + "] is not a base64 string");
      }
      try {
        out.add(base64.decode(tx.asText()));
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "malformed-request", "transactions[" + i + "] is not base64");
      }
    }
    return out;
  }

  private Duration timeout(String text) {
    if (text == null) {
      return ctx.limits().maxWait().compareTo(Duration.ofSeconds(30)) < 0
          ? ctx.limits().maxWait()
          : Duration.ofSeconds(30);
    }
    try {
      long ms =
          text.endsWith("ms")
              ? Long.parseLong(text.substring(0, text.length() - 2))
              : text.endsWith("s")
                  ? Long.parseLong(text.substring(0, text.length() - 1)) * 1000
                  : Long.parseLong(text);
      if (ms < 0 || ms > ctx.limits().maxWait().toMillis()) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new ApiException(
          400,
          "malformed-request",
          "timeout must be like 5s or 500ms, at"
              + " most "
              + ctx.limits().maxWait().toSeconds()
              + "s; got '"
              + text
              + "'");
    }
  }

  private byte[] envelope(byte[] body) {
    JsonNode node;
    try {
      node = JsonViews.JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiException(400, "malformed-request", "body is not JSON: " + e.getMessage());
    }
    JsonNode tx = node == null ? null : node.get("transaction");
    if (tx == null || !tx.isTextual()) {
      throw new ApiException(
          400,
          "malformed-request",
          "JSON body must be {\"transaction\": \"<base64 of the encoded Transaction>\"}");
    }
    try {
      return Base64.getDecoder().decode(tx.asText());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "malformed-request", "\"transaction\" is not base64");
    }
  }

  private int getTransaction(HttpExchange ex, String idText) throws IOException {
    Bytes txId = hexId(idText, "transaction id");
    boolean proof = "true".equals(query(ex.getRequestURI()).get("proof"));
    Optional<TxLocation> at = ctx.ledger().blocks().locate(txId);
    if (at.isPresent()) {
      return respondJson(ex, 200, committedView(txId, at.get(), proof));
    }
    if (ctx.mempool().contains(txId)) {
      ObjectNode n = JsonViews.JSON.createObjectNode();
      n.put("txId", txId.hex());
      n.put("status", "pending");
      return respondJson(ex, 200, n);
    }
    throw new ApiException(
        404,
        "unknown-transaction",
        "transaction " + txId.hex() + " is neither pending nor committed on this node",
        java.util.Map.of("transactionStatus", "unknown", "txId", txId.hex()));
  }

  private ObjectNode committedView(Bytes txId, TxLocation at, boolean withProof) {
    Block block = ctx.ledger().blocks().block(at.height()).orElseThrow();
    Receipt receipt = ctx.ledger().blocks().receipt(at).orElseThrow();
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("txId", txId.hex());
    n.put("status", receipt.status() == Receipt.Status.SUCCESS ? "committed" : "failed");
    n.put("height", at.height());
    n.put("index", at.index());
    n.put("blockHash", block.hash().hex());
    n.set("transaction", JsonViews.transaction(block.transactions().get(at.index())));
    n.set("receipt", JsonViews.receipt(receipt));
    if (withProof) {
      n.set("proof", Proofs.transaction(ctx.ledger(), block, at.index()));
    }
    return n;
  }

  private ObjectNode outcomeView(TxOutcome o) {
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("txId", o.txId().hex());
    n.put("status", o.receipt().status() == Receipt.Status.SUCCESS ? "committed" : "failed");
    n.put("height", o.height());
    n.put("index", o.index());
    n.put("blockHash", o.blockHash().hex());
    n.set("receipt", JsonViews.receipt(o.receipt()));
    return n;
  }

  private int getBlock(HttpExchange ex, String which) throws IOException {
    long height;
    if (which.equals("latest")) {
      height = ctx.ledger().height();
      if (height == 0) {
        throw new ApiException(404, "unknown-block", "no block has been committed yet");
      }
    } else {
      try {
        height = Long.parseLong(which);
      } catch (NumberFormatException e) {
        throw new ApiException(
            400,
            "malformed-request",
            "block must be a height (1, 2, ...) or 'latest', got '" + which + "'");
      }
    }
    long h = height;
    Block block =
        ctx.ledger()
            .blocks()
            .block(h)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "unknown-block",
                        "no block at height " + h + "; the latest is " + ctx.ledger().height()));
    return respondJson(
        ex, 200, JsonViews.block(block, ctx.ledger().blocks().certificate(h).orElse(null)));
  }

  private int getState(HttpExchange ex, String contract, String key) throws IOException {
    if (contract.isEmpty() || key.isEmpty()) {
      throw new ApiException(400, "malformed-request", "use /v1/state/{contract}/{key}");
    }
    Map<String, String> query = query(ex.getRequestURI());
    boolean proof = "true".equals(query.get("proof"));
    StateKey k = new StateKey(contract, key);
    // Read the height once: a block committed meanwhile must not mix two versions.
    long latest = ctx.ledger().state().version();
    long height = latest;
    if (query.containsKey("height")) {
      try {
        height = Long.parseLong(query.get("height"));
      } catch (NumberFormatException e) {
        throw new ApiException(400, "malformed-request", "height must be a block height");
      }
      if (height < 1 || height > latest) {
        throw new ApiException(
            404, "unknown-block", "no state at height " + height + "; the latest is " + latest);
      }
      if (!proof) {
        throw new ApiException(
            400, "malformed-request", "a historical read (height=" + height + ") needs proof=true");
      }
    }
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("contract", contract);
    n.put("key", key);
    n.put("height", height);
    Optional<byte[]> value;
    ObjectNode proofJson = null;
    if (proof) {
      proofJson = Proofs.state(ctx.ledger(), k, height);
      JsonNode v = proofJson.path("stateProof").path("value");
      value =
          v.isTextual() ? Optional.of(Base64.getDecoder().decode(v.asText())) : Optional.empty();
    } else {
      value = ctx.ledger().state().get(k);
      if (value.isEmpty()) {
        throw new ApiException(
            404, "unknown-key", "contract '" + contract + "' has no key '" + key + "'");
      }
    }
    n.put("exists", value.isPresent());
    value.ifPresent(v -> JsonViews.value(n, v));
    if (proofJson != null) {
      n.set("proof", proofJson);
    }
    return respondJson(ex, 200, n);
  }

  private static Bytes hexId(String text, String what) {
    if (!text.matches("[0-9a-fA-F]{64}")) {
      throw new ApiException(
          400, "malformed-request", what + " must be 64 hex digits, got '" + text + "'");
    }
    return Bytes.of(HexFormat.of().parseHex(text.toLowerCase(java.util.Locale.ROOT)));
  }

  private static byte[] readBody(HttpExchange ex, int max) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    long declared = -1;
    if (length != null) {
      try {
        declared = Long.parseLong(length);
      } catch (NumberFormatException e) {
        throw new ApiException(400, "malformed-request", "bad Content-Length");
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      if (declared > max) {
        drain(in);
        throw new ApiException(
            413, "too-large", "request body of " + declared + " bytes exceeds the limit of " + max);
      }
      byte[] body = in.readNBytes(max + 1);
      if (body.length > max) {
        drain(in);
        throw new ApiException(
            413, "too-large", "request body exceeds the limit of " + max + " bytes");
      }
      return body;
    }
  }

  /**
   * Reads and discards what is left of a refused body, up to a bound, so a client still sending it
   * gets the 413 instead of a connection reset; a larger body is cut off by closing.
   */
  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long left = MAX_DRAIN_BYTES;
    int n;
    while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
      left -= n;
    }
  }

  private static void requireGet(String method) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new ApiException(405, "method-not-allowed", "use GET");
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      } else if (!pair.isEmpty()) {
        out.put(decode(pair), "");
      }
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "malformed-request", "bad percent-encoding in '" + s + "'");
    }
  }

  private int respondJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    return respond(ex, status, "application/json", JsonViews.JSON.writeValueAsBytes(body));
  }

  private int respondProblem(HttpExchange ex, ApiException e) {
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("type", "urn:chancery:error:" + e.code());
    n.put("title", Problems.title(e.code()));
    n.put("status", e.status());
    n.put("detail", e.getMessage());
    n.put("instance", ex.getRequestURI().getPath());
    e.extensions().forEach(n::put);
    try {
      return respond(ex, e.status(), PROBLEM_JSON, JsonViews.JSON.writeValueAsBytes(n));
    } catch (IOException io) {
      return e.status();
    }
  }

  private static int respond(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    return status;
  }
}
