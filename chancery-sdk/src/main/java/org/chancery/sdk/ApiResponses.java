package org.chancery.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.MalformedBlockException;
import org.chancery.core.block.Receipt;

/**
 * Reads the API's JSON documents into the SDK's records. Every field the records need is required;
 * a missing or mistyped one is a {@link MalformedResponseException} naming it, which the client
 * reports as {@link UnexpectedResponseException}.
 */
final class ApiResponses {
  private ApiResponses() {}

  /** A response document without a field the client needs, or with a field of the wrong type. */
  static final class MalformedResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
      super(message);
    }

    MalformedResponseException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static NodeStatus status(JsonNode n) {
    JsonNode pool = n.path("mempool");
    return new NodeStatus(
        text(n, "chainId"),
        text(n, "suite"),
        hex(n, "genesisHash"),
        n.path("node").asText(""),
        n.path("organisation").asText(""),
        n.path("validator").asBoolean(false),
        n.path("consensus").asText(""),
        number(n, "height"),
        hex(n, "latestBlockHash"),
        instant(n, "latestBlockTime"),
        hex(n, "stateRoot"),
        new NodeStatus.Mempool(
            pool.path("size").asLong(0),
            pool.path("bytes").asLong(0),
            pool.path("capacity").asLong(0)));
  }

  static TransactionResult transaction(JsonNode n) {
    Bytes txId = hex(n, "txId");
    TransactionStatus status;
    try {
      status = TransactionStatus.fromWireName(text(n, "status"));
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(e.getMessage(), e);
    }
    if (status == TransactionStatus.PENDING) {
      return new TransactionResult.Pending(txId, n.path("detail").asText(""));
    }
    JsonNode tx = n.get("transaction");
    JsonNode proof = n.get("proof");
    return new TransactionResult.Included(
        txId,
        status,
        number(n, "height"),
        integer(n, "index"),
        hex(n, "blockHash"),
        receipt(object(n, "receipt")),
        tx == null || tx.isNull() ? Optional.empty() : Optional.of(transactionView(tx)),
        proof == null || proof.isNull() ? Optional.empty() : Optional.of(proof));
  }

  static TransactionReceipt receipt(JsonNode n) {
    Receipt.Status status;
    try {
      status = Receipt.Status.valueOf(text(n, "status"));
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(
          "receipt status must be SUCCESS or FAILED, got '" + n.get("status").asText() + "'", e);
    }
    List<TransactionReceipt.Event> events = new ArrayList<>();
    for (JsonNode e : n.path("events")) {
      events.add(new TransactionReceipt.Event(text(e, "name"), e.path("data")));
    }
    JsonNode result = n.get("result");
    return new TransactionReceipt(
        status,
        n.path("errorCode").asText(""),
        n.path("errorMessage").asText(""),
        events,
        result == null || result.isNull() ? Optional.empty() : Optional.of(result));
  }

  static TransactionView transactionView(JsonNode n) {
    return new TransactionView(
        hex(n, "txId"),
        text(n, "chainId"),
        text(n, "contract"),
        text(n, "method"),
        text(n, "creatorOrg"),
        instant(n, "timestamp"),
        hex(n, "nonce"),
        n.path("args"),
        base64(n, "encoded"));
  }

  static BlockInfo block(JsonNode n) {
    Bytes headerBytes = base64(n, "headerBytes");
    BlockHeader header;
    try {
      header = BlockHeader.decode(headerBytes.toArray());
    } catch (MalformedBlockException e) {
      throw new MalformedResponseException("headerBytes: " + e.getMessage(), e);
    }
    long height = number(n, "height");
    if (header.height() != height) {
      throw new MalformedResponseException(
          "block claims height " + height + " but its header says " + header.height());
    }
    List<BlockInfo.TransactionSummary> txs = new ArrayList<>();
    for (JsonNode t : n.path("transactions")) {
      txs.add(
          new BlockInfo.TransactionSummary(
              hex(t, "txId"),
              text(t, "contract"),
              text(t, "method"),
              text(t, "creatorOrg"),
              instant(t, "timestamp")));
    }
    JsonNode cert = n.get("certificate");
    return new BlockInfo(
        height,
        hex(n, "hash"),
        header,
        headerBytes,
        txs,
        cert == null || cert.isNull() ? Optional.empty() : Optional.of(certificate(cert)));
  }

  static CommitCertificate certificate(JsonNode n) {
    List<CommitCertificate.CommitSignature> sigs = new ArrayList<>();
    for (JsonNode s : n.path("signatures")) {
      sigs.add(new CommitCertificate.CommitSignature(text(s, "validator"), hex(s, "signature")));
    }
    return new CommitCertificate(
        number(n, "height"), integer(n, "round"), hex(n, "blockHash"), sigs);
  }

  static StateEntry state(JsonNode n) {
    JsonNode json = n.get("json");
    return new StateEntry(
        text(n, "contract"),
        text(n, "key"),
        number(n, "height"),
        base64(n, "value"),
        json == null || json.isNull() ? Optional.empty() : Optional.of(json));
  }

  static StateProofResponse stateProof(JsonNode n) {
    JsonNode exists = n.get("exists");
    if (exists == null || !exists.isBoolean()) {
      throw new MalformedResponseException("response has no boolean 'exists'");
    }
    return new StateProofResponse(
        text(n, "contract"),
        text(n, "key"),
        number(n, "height"),
        exists.asBoolean() ? Optional.of(base64(n, "value")) : Optional.empty(),
        object(n, "proof"));
  }

  private static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw new MalformedResponseException("response has no object '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new MalformedResponseException("response has no text field '" + field + "'");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new MalformedResponseException("response has no integer field '" + field + "'");
    }
    return v.asLong();
  }

  private static int integer(JsonNode n, String field) {
    long v = number(n, field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new MalformedResponseException("response field '" + field + "' is out of range");
    }
    return (int) v;
  }

  private static Bytes hex(JsonNode n, String field) {
    String text = text(n, field);
    try {
      return Bytes.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException("response field '" + field + "' is not hex", e);
    }
  }

  private static Bytes base64(JsonNode n, String field) {
    String text = text(n, field);
    try {
      return Bytes.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException("response field '" + field + "' is not base64", e);
    }
  }

  private static Instant instant(JsonNode n, String field) {
    String text = text(n, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedResponseException(
          "response field '" + field + "' is not an RFC 3339 time: '" + text + "'", e);
    }
  }
}
