package org.chancery.sdk.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.chancery.core.Bytes;
import org.chancery.core.evidence.DepositIds;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.DepositRequest;
import org.chancery.core.evidence.InvalidDepositException;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;
import org.chancery.sdk.ChanceryApiException;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.Identity;
import org.chancery.sdk.TransactionResult;
import org.chancery.sdk.UnexpectedResponseException;

/**
 * The evidence application over a {@link ChanceryClient}: deposit a file's digest, find deposits,
 * follow process chains, and fetch certificates to check offline with {@link EvidenceVerifier}. The
 * file never leaves the machine: it is hashed here, in constant memory, and only its digest and
 * description are signed and sent.
 *
 * <p>Errors are the client's: {@link ChanceryApiException} with the node's problem code (for
 * example {@code unknown-deposit}), {@link org.chancery.sdk.NodeUnreachableException}, {@link
 * UnexpectedResponseException}.
 *
 * <pre>{@code
 * try (ChanceryClient node = ChanceryClient.connect("http://127.0.0.1:7200")) {
 *   EvidenceClient evidence = new EvidenceClient(node);
 *   Identity me = Identity.load(Path.of("/tmp/net/orgs/org1/users/client"));
 *   DepositReceipt r = evidence.deposit(me, Path.of("lease.pdf"),
 *       DepositOptions.defaults().withLabel("signed lease"), true);
 *   Files.write(Path.of("lease.certificate.json"), evidence.certificateJson(r.depositId()));
 * }
 * }</pre>
 */
public final class EvidenceClient {
  /** How long {@code deposit(..., true)} waits for the block. */
  public static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";

  private final ChanceryClient client;
  private volatile CryptoSuite suite;

  public EvidenceClient(ChanceryClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Deposits one file: hashes it locally, signs {@code evidence.deposit} with its digest and
   * description, and submits it.
   *
   * @param waitForCommit whether to wait (up to {@link #COMMIT_WAIT}) for the block
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if an option is not a valid deposit field
   * @throws ChanceryApiException if the node rejects the transaction
   */
  public DepositReceipt deposit(
      Identity identity, Path file, DepositOptions options, boolean waitForCommit)
      throws IOException {
    CryptoSuite suite = suite();
    DepositRequest request = request(suite, file, options);
    Transaction tx = client.newTransaction(identity).build("evidence", "deposit", request.toJson());
    TransactionResult result = submit(tx, waitForCommit);
    return receipt(suite, result, tx, 0, request);
  }

  /**
   * Deposits several files in one {@code evidence.depositBatch} transaction, the same options for
   * each (a file name in the options is refused: each file keeps its own).
   *
   * @return one receipt for each file, in order
   * @throws IOException if a file cannot be read
   */
  public List<DepositReceipt> depositBatch(
      Identity identity, List<Path> files, DepositOptions options, boolean waitForCommit)
      throws IOException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one file");
    }
    if (options.fileName() != null && files.size() > 1) {
      throw new IllegalArgumentException("a batch of several files cannot share one file name");
    }
    CryptoSuite suite = suite();
    List<DepositRequest> requests = new ArrayList<>();
    ObjectNode args = JSON.createObjectNode();
    ArrayNode deposits = args.putArray("deposits");
    for (Path file : files) {
      DepositRequest r = request(suite, file, options);
      requests.add(r);
      deposits.add(r.toJson());
    }
    Transaction tx = client.newTransaction(identity).build("evidence", "depositBatch", args);
    TransactionResult result = submit(tx, waitForCommit);
    List<DepositReceipt> out = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      out.add(receipt(suite, result, tx, i, requests.get(i)));
    }
    return out;
  }

  /**
   * The deposit request for {@code file}: its digest and size computed here, described by {@code
   * options}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if an option is not a valid deposit field
   */
  public static DepositRequest request(CryptoSuite suite, Path file, DepositOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    FileDigest digest = FileDigest.of(suite, file);
    Path name = file.getFileName();
    String fileName =
        options.fileName() != null ? options.fileName() : name == null ? null : name.toString();
    String mediaType = options.mediaType() != null ? options.mediaType() : probe(file, fileName);
    ObjectNode json =
        new DepositRequest(
                digest.digest(),
                digest.size(),
                mediaType,
                fileName,
                options.label() == null ? "" : options.label(),
                options.metadata(),
                options.previous())
            .toJson();
    try {
      // Parsed as the contract will, so a bad option fails here with the contract's message.
      return DepositRequest.parse(json, suite.hashLength(), Integer.MAX_VALUE);
    } catch (InvalidDepositException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * {@code GET /v1/evidence/{id}}.
   *
   * @throws ChanceryApiException with code {@code unknown-deposit} if there is none
   */
  public DepositRecord get(Bytes depositId) {
    return record(client.getJson("v1/evidence/" + depositId.hex()));
  }

  /** {@code GET /v1/evidence?digest=}: deposits of a file with this digest, earliest first. */
  public DepositPage findByDigest(Bytes digest, String cursor) {
    return page("v1/evidence?digest=" + digest.hex() + cursor(cursor));
  }

  /**
   * {@code GET /v1/evidence?depositor=[&member=]}: deposits of an organisation, or of one of its
   * members (by certificate CN), earliest first.
   *
   * @param member the member's CN, or null for the whole organisation
   */
  public DepositPage findByDepositor(String organisation, String member, String cursor) {
    Objects.requireNonNull(organisation, "organisation");
    return page(
        "v1/evidence?depositor="
            + query(organisation)
            + (member == null ? "" : "&member=" + query(member))
            + cursor(cursor));
  }

  /**
   * {@code GET /v1/evidence/{id}/chain}: the process chain up to this deposit, and what follows.
   */
  public ProcessChain chain(Bytes depositId) {
    JsonNode n = client.getJson("v1/evidence/" + depositId.hex() + "/chain");
    List<DepositRecord> stages = new ArrayList<>();
    for (JsonNode r : array(n, "stages")) {
      stages.add(record(r));
    }
    List<Bytes> next = new ArrayList<>();
    for (JsonNode id : array(n, "next")) {
      next.add(hex(id, "next"));
    }
    return new ProcessChain(stages, next, n.path("truncated").asBoolean(false));
  }

  /** {@code GET /v1/evidence/{id}/certificate}: the certificate's JSON, exactly as sent. */
  public byte[] certificateJson(Bytes depositId) {
    return client.getBytes("v1/evidence/" + depositId.hex() + "/certificate", "application/json");
  }

  /**
   * The certificate as a PDF that embeds the JSON as attachment {@code evidence-certificate.json}.
   */
  public byte[] certificatePdf(Bytes depositId) {
    return client.getBytes("v1/evidence/" + depositId.hex() + "/certificate", "application/pdf");
  }

  /** The chain's suite, asked of the node once. */
  private CryptoSuite suite() {
    CryptoSuite s = suite;
    if (s == null) {
      s = client.status().cryptoSuite();
      suite = s;
    }
    return s;
  }

  private TransactionResult submit(Transaction tx, boolean waitForCommit) {
    return waitForCommit ? client.submitAndWait(tx, COMMIT_WAIT) : client.submit(tx);
  }

  private DepositReceipt receipt(
      CryptoSuite suite, TransactionResult result, Transaction tx, int index, DepositRequest r) {
    Bytes id = DepositIds.of(suite, tx.txId(), index);
    OptionalLong height = OptionalLong.empty();
    if (result instanceof TransactionResult.Included in) {
      height = OptionalLong.of(in.height());
      Optional<JsonNode> answer = in.receipt().result();
      JsonNode held =
          answer.isEmpty()
              ? null
              : tx.body().method().equals("deposit")
                  ? answer.get().get("depositId")
                  : answer.get().path("depositIds").get(index);
      if (in.receipt().status() == org.chancery.core.block.Receipt.Status.SUCCESS
          && (held == null || !held.asText().equals(id.hex()))) {
        throw new UnexpectedResponseException(
            client.node(),
            200,
            "node "
                + client.node()
                + " reports deposit "
                + (held == null ? "(none)" : held.asText())
                + " for transaction "
                + tx.txId().hex()
                + ", but its id is "
                + id.hex(),
            null);
      }
    }
    return new DepositReceipt(id, tx.txId(), r.digest(), r.size(), result.status(), height);
  }

  private DepositPage page(String path) {
    JsonNode n = client.getJson(path);
    List<DepositRecord> deposits = new ArrayList<>();
    for (JsonNode r : array(n, "deposits")) {
      deposits.add(record(r));
    }
    JsonNode next = n.get("nextCursor");
    return new DepositPage(
        deposits, next == null || next.isNull() ? Optional.empty() : Optional.of(next.asText()));
  }

  private DepositRecord record(JsonNode n) {
    try {
      return DepositRecord.fromJson(n, suite().hashLength());
    } catch (InvalidDepositException e) {
      throw unexpected("a deposit record the API does not document: " + e.getMessage());
    }
  }

  private Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode a = n.get(field);
    if (a == null || !a.isArray()) {
      throw unexpected("an answer without the array \"" + field + "\"");
    }
    return a;
  }

  private Bytes hex(JsonNode n, String field) {
    if (!n.isTextual() || !n.asText().matches("([0-9a-f]{2})+")) {
      throw unexpected("\"" + field + "\" holding something other than hex ids");
    }
    return Bytes.fromHex(n.asText());
  }

  private UnexpectedResponseException unexpected(String what) {
    return new UnexpectedResponseException(
        client.node(), 200, "node " + client.node() + " answered " + what, null);
  }

  private static String cursor(String cursor) {
    return cursor == null ? "" : "&cursor=" + query(cursor);
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String probe(Path file, String fileName) {
    String probed = null;
    try {
      probed = Files.probeContentType(file);
    } catch (IOException e) {
      // An unreadable type is no reason to refuse a deposit: fall back to the name.
    }
    if (probed == null && fileName != null) {
      probed = URLConnection.guessContentTypeFromName(fileName);
    }
    if (probed == null
        || !probed.matches(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}")) {
      return DEFAULT_MEDIA_TYPE;
    }
    return probed;
  }
}
