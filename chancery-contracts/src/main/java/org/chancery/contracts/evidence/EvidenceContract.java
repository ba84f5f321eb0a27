package org.chancery.contracts.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.contract.Contract;
import org.chancery.core.contract.ContractContext;
import org.chancery.core.contract.ContractException;
import org.chancery.core.evidence.DepositBatch;
import org.chancery.core.evidence.DepositIds;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.DepositRequest;
import org.chancery.core.evidence.Depositor;
import org.chancery.core.evidence.EvidenceLimits;
import org.chancery.core.evidence.InvalidDepositException;
import org.chancery.crypto.CryptoSuite;

/**
 * {@code evidence}: records that a file with a given digest existed, who deposited it and when (the
 * block time), without the file itself. The depositor is the transaction's signer; the deposit id
 * is derived from the transaction id ({@link DepositIds}), so every node and any offline verifier
 * computes the same one.
 *
 * <ul>
 *   <li>{@code deposit} with one deposit object ({@link DepositRequest}: {@code {"digest", "size",
 *       "mediaType", "fileName"?, "label"?, "metadata"?, "previous"?}}): result {@code
 *       {"depositId"}}, event {@code deposited {"depositId", "digest"}}.
 *   <li>{@code depositBatch {"deposits": [...]}}: 1 to {@link EvidenceLimits#maxBatchDeposits()}
 *       deposits, all or none; the i-th gets {@code DepositIds.of(suite, txId, i)} and may name an
 *       earlier one of the same batch with {@code "previousIndex": k} ({@link DepositBatch}).
 *       Result {@code {"depositIds": [...]}}, event {@code depositedBatch {"deposits":
 *       [{"depositId", "digest"}, ...]}} (one event, since a transaction's events are bounded in
 *       number).
 * </ul>
 *
 * A {@code previous} must name an existing deposit (code {@code unknown-deposit}). The state layout
 * is described in {@link EvidenceKeys}; read it through {@link EvidenceQueries}.
 */
public final class EvidenceContract implements Contract {
  /** The contract's name, and its state namespace. */
  public static final String NAME = "evidence";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EvidenceLimits limits;

  /**
   * @param limits the chain's limits, from its genesis
   */
  public EvidenceContract(EvidenceLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String invoke(ContractContext ctx, String method, String args) {
    CryptoSuite suite = CryptoSuite.byName(ctx.suite());
    return switch (method) {
      case "deposit" -> {
        DepositRequest request = parse(parseArgs(args), suite, "");
        Bytes id = record(ctx, suite, request, 0);
        ctx.emit("deposited", json(event(id, request)));
        yield json(JSON.createObjectNode().put("depositId", id.hex()));
      }
      case "depositBatch" -> depositBatch(ctx, suite, parseArgs(args));
      default ->
          throw new ContractException(
              "unknown-method",
              "evidence has no method '" + method + "'; methods: deposit, depositBatch");
    };
  }

  private String depositBatch(ContractContext ctx, CryptoSuite suite, JsonNode in) {
    // Every item is read before anything is written, so a bad item is reported as such; the
    // engine discards the writes of a failed call anyway.
    List<DepositRequest> requests;
    try {
      requests = DepositBatch.parse(in, suite, ctx.txId(), limits);
    } catch (InvalidDepositException e) {
      throw new ContractException(e.code(), e.getMessage());
    }
    ArrayNode ids = JSON.createArrayNode();
    ArrayNode events = JSON.createArrayNode();
    for (int i = 0; i < requests.size(); i++) {
      Bytes id = record(ctx, suite, requests.get(i), i);
      ids.add(id.hex());
      events.add(event(id, requests.get(i)));
    }
    ObjectNode event = JSON.createObjectNode();
    event.set("deposits", events);
    ctx.emit("depositedBatch", json(event));
    ObjectNode result = JSON.createObjectNode();
    result.set("depositIds", ids);
    return json(result);
  }

  /** Writes the record of {@code request} at {@code index} of this transaction, and its indexes. */
  private Bytes record(ContractContext ctx, CryptoSuite suite, DepositRequest request, int index) {
    Bytes id = DepositIds.of(suite, ctx.txId(), index);
    if (ctx.get(EvidenceKeys.deposit(id)).isPresent()) {
      // Ids derive from unique transaction ids, so this means a bug or a hash collision.
      throw new ContractException(
          "duplicate-deposit", "deposit " + id.hex() + " is already recorded");
    }
    if (request.previous() != null && ctx.get(EvidenceKeys.deposit(request.previous())).isEmpty()) {
      throw new ContractException(
          "unknown-deposit",
          "\"previous\" names deposit "
              + request.previous().hex()
              + (index > 0 ? " (deposits[" + index + "])" : "")
              + ", which is not recorded; name a committed deposit or an earlier item of the same"
              + " batch");
    }
    DepositRecord record =
        new DepositRecord(
            id,
            request,
            new Depositor(
                ctx.sender().organisation(), ctx.sender().name(), ctx.sender().role().ou()),
            ctx.txId(),
            index,
            ctx.blockHeight(),
            ctx.blockTime());
    ctx.put(EvidenceKeys.deposit(id), record.encode());
    byte[] idHex = EvidenceKeys.utf8(id.hex());
    append(ctx, EvidenceKeys.byDigest(request.digest()), idHex);
    append(ctx, EvidenceKeys.byOrganisation(record.depositor().organisation()), idHex);
    append(
        ctx,
        EvidenceKeys.byMember(record.depositor().organisation(), record.depositor().name()),
        idHex);
    if (request.previous() != null) {
      append(ctx, EvidenceKeys.successors(request.previous()), idHex);
    }
    return id;
  }

  /** Appends {@code value} to the index whose entries start with {@code prefix}. */
  private static void append(ContractContext ctx, String prefix, byte[] value) {
    String countKey = EvidenceKeys.count(prefix);
    Optional<byte[]> stored = ctx.get(countKey);
    long seq = stored.map(v -> Long.parseLong(new String(v, StandardCharsets.UTF_8))).orElse(0L);
    ctx.put(EvidenceKeys.entry(prefix, seq), value);
    ctx.put(countKey, EvidenceKeys.utf8(Long.toString(seq + 1)));
  }

  private DepositRequest parse(JsonNode deposit, CryptoSuite suite, String at) {
    try {
      return DepositRequest.parse(deposit, suite.hashLength(), limits.maxMetadataBytes());
    } catch (InvalidDepositException e) {
      throw new ContractException(e.code(), at + e.getMessage());
    }
  }

  private static JsonNode parseArgs(String args) {
    try {
      return DepositRequest.readArguments(args);
    } catch (InvalidDepositException e) {
      throw new ContractException(e.code(), e.getMessage());
    }
  }

  private static ObjectNode event(Bytes id, DepositRequest request) {
    return JSON.createObjectNode().put("depositId", id.hex()).put("digest", request.digest().hex());
  }

  private static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
