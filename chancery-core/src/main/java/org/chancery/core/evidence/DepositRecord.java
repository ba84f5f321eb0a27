package org.chancery.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.chancery.core.Bytes;

/**
 * A deposit as the chain records it: the request, who made it, and where and when it was committed.
 * The {@code evidence} contract stores {@link #encode()} under the deposit's id; the offline
 * verifier rebuilds the record from the signed transaction and the block header and compares.
 *
 * <pre>{@code
 * {"depositId": "…", "digest": "…", "size": 1048576, "mediaType": "application/pdf",
 *  "fileName": "contract.pdf", "label": "signed lease", "metadata": {}, "previous": "…",
 *  "depositor": {"organisation": "org1", "name": "client", "role": "client"},
 *  "txId": "…", "index": 0, "height": 42, "time": "2026-12-04T20:37:03.120Z"}
 * }</pre>
 *
 * @param depositId the deposit's id, see {@link DepositIds}
 * @param request what was deposited
 * @param depositor who deposited it
 * @param txId the transaction that recorded it
 * @param index its position in that transaction
 * @param height the block that committed it
 * @param time that block's time: the deposit time
 */
public record DepositRecord(
    Bytes depositId,
    DepositRequest request,
    Depositor depositor,
    Bytes txId,
    int index,
    long height,
    Instant time) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public DepositRecord {
    Objects.requireNonNull(depositId, "depositId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(depositor, "depositor");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(time, "time");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
  }

  /** The record as JSON, its fields in a fixed order. */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("depositId", depositId.hex());
    n.setAll(request.toJson());
    ObjectNode who = n.putObject("depositor");
    who.put("organisation", depositor.organisation());
    who.put("name", depositor.name());
    who.put("role", depositor.role());
    n.put("txId", txId.hex());
    n.put("index", index);
    n.put("height", height);
    n.put("time", time.toString());
    return n;
  }

  /** The stored form: compact UTF-8 JSON of {@link #toJson()}. */
  public byte[] encode() {
    return DepositRequest.compact(toJson());
  }

  /**
   * Reads a record from its JSON form.
   *
   * @param hashLength the chain suite's hash length in bytes
   * @throws InvalidDepositException with code {@code invalid-arguments} naming a missing or
   *     malformed field
   */
  public static DepositRecord fromJson(JsonNode n, int hashLength) {
    if (n == null || !n.isObject()) {
      throw invalid("a deposit record must be a JSON object");
    }
    ObjectNode request = ((ObjectNode) n).deepCopy();
    for (String f : new String[] {"depositId", "depositor", "txId", "index", "height", "time"}) {
      if (!request.has(f)) {
        throw invalid("deposit record has no \"" + f + "\"");
      }
      request.remove(f);
    }
    DepositRequest req = DepositRequest.parse(request, hashLength, Integer.MAX_VALUE);
    JsonNode who = n.get("depositor");
    if (!who.isObject()
        || !who.path("organisation").isTextual()
        || !who.path("name").isTextual()
        || !who.path("role").isTextual()
        || who.size() != 3) {
      throw invalid("deposit record's \"depositor\" must be {organisation, name, role}");
    }
    JsonNode index = n.get("index");
    if (!index.isIntegralNumber() || !index.canConvertToInt() || index.asInt() < 0) {
      throw invalid("deposit record's \"index\" must be a whole number >= 0");
    }
    JsonNode height = n.get("height");
    if (!height.isIntegralNumber() || !height.canConvertToLong() || height.asLong() < 1) {
      throw invalid("deposit record's \"height\" must be a block height >= 1");
    }
    String timeText = textOf(n, "time");
    Instant time;
    try {
      time = Instant.parse(timeText);
    } catch (DateTimeParseException e) {
      throw invalid("deposit record's \"time\" is not an RFC 3339 UTC time");
    }
    // One spelling per instant (UTC, "Z"), as toJson writes it: no offsets, no padded fractions.
    if (!time.toString().equals(timeText)) {
      throw invalid(
          "deposit record's \"time\" must be written as " + time + ", not '" + timeText + "'");
    }
    return new DepositRecord(
        hex(n, "depositId", hashLength),
        req,
        new Depositor(
            who.get("organisation").asText(), who.get("name").asText(), who.get("role").asText()),
        hex(n, "txId", hashLength),
        index.asInt(),
        height.asLong(),
        time);
  }

  /**
   * Reads a stored record.
   *
   * @throws InvalidDepositException if the bytes are not a record
   */
  public static DepositRecord decode(byte[] stored, int hashLength) {
    try {
      return fromJson(JSON.readTree(stored), hashLength);
    } catch (IOException e) {
      throw invalid("stored deposit record is not JSON: " + e.getMessage());
    }
  }

  private static String textOf(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw invalid("deposit record's \"" + field + "\" must be a string");
    }
    return v.asText();
  }

  private static Bytes hex(JsonNode n, String field, int hashLength) {
    String s = textOf(n, field);
    if (s.length() != hashLength * 2 || !s.matches("[0-9a-f]*")) {
      throw invalid(
          "deposit record's \"" + field + "\" must be " + hashLength * 2 + " lowercase hex digits");
    }
    return Bytes.fromHex(s);
  }

  private static InvalidDepositException invalid(String message) {
    return new InvalidDepositException("invalid-arguments", message);
  }
}
