package org.chancery.core.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.chancery.core.Bytes;

/**
 * What one deposit asks the chain to record: the file's digest and description, never the file.
 * Parsing is shared by the {@code evidence} contract, which records the request, and by the offline
 * verifier, which re-derives the record from the signed transaction; both must read the arguments
 * the same way.
 *
 * <pre>{@code
 * {"digest": "66c7f0f4...", "size": 1048576, "mediaType": "application/pdf",
 *  "fileName": "contract.pdf", "label": "signed lease", "metadata": {"case": "2026-017"},
 *  "previous": "9b0c..."}
 * }</pre>
 *
 * @param digest the chain suite's hash of the file
 * @param size the file's length in bytes
 * @param mediaType the file's media type, {@code type/subtype}
 * @param fileName the file's name, or null
 * @param label a short description, possibly empty
 * @param metadata a JSON object of the depositor's own fields, possibly empty
 * @param previous the deposit this one continues (a process chain), or null
 */
public record DepositRequest(
    Bytes digest,
    long size,
    String mediaType,
    String fileName,
    String label,
    ObjectNode metadata,
    Bytes previous) {

  /** Longest label, in characters. */
  public static final int MAX_LABEL_LENGTH = 256;

  /** Longest file name, in characters. */
  public static final int MAX_FILE_NAME_LENGTH = 255;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> FIELDS =
      Set.of("digest", "size", "mediaType", "fileName", "label", "metadata", "previous");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  public DepositRequest {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(label, "label");
    metadata = metadata == null ? JSON.createObjectNode() : metadata.deepCopy();
  }

  @Override
  public ObjectNode metadata() {
    return metadata.deepCopy();
  }

  /**
   * Reads an evidence transaction's arguments as the {@code evidence} contract does: exactly one
   * JSON object, no duplicate keys (which readers could resolve differently), nothing after it. An
   * offline verifier re-deriving a record from the signed arguments must read them with this.
   *
   * @throws InvalidDepositException with code {@code invalid-arguments} if they are not such an
   *     object
   */
  public static JsonNode readArguments(String args) {
    JsonNode node;
    try {
      node = STRICT.readTree(args);
    } catch (JsonProcessingException e) {
      throw invalid("arguments are not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw invalid("arguments must be a JSON object");
    }
    return node;
  }

  /**
   * Reads one deposit from its JSON object.
   *
   * @param in the deposit's JSON object
   * @param hashLength the chain suite's hash length in bytes, the length of a digest and of an id
   * @param maxMetadataBytes the most bytes the metadata may take as compact JSON
   * @throws InvalidDepositException with code {@code invalid-arguments} naming the field, or {@code
   *     limit-exceeded} for metadata over the limit
   */
  public static DepositRequest parse(JsonNode in, int hashLength, int maxMetadataBytes) {
    if (in == null || !in.isObject()) {
      throw invalid("a deposit must be a JSON object");
    }
    for (Iterator<String> names = in.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid(
            "unknown deposit field '"
                + name
                + "'; fields: digest, size, mediaType, fileName, label, metadata, previous");
      }
    }
    Bytes digest = hash(in.get("digest"), "digest", hashLength, "the file's hash");
    JsonNode size = in.get("size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
      throw invalid("\"size\" must be the file's length in bytes, a whole number >= 0");
    }
    String mediaType = text(in.get("mediaType"), "mediaType");
    if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
      throw invalid(
          "\"mediaType\" must be a media type such as application/pdf or image/png, got "
              + (mediaType == null ? "none" : "'" + mediaType + "'"));
    }
    String fileName = text(in.get("fileName"), "fileName");
    if (fileName != null) {
      if (fileName.isEmpty() || fileName.length() > MAX_FILE_NAME_LENGTH) {
        throw invalid("\"fileName\" must have 1 to " + MAX_FILE_NAME_LENGTH + " characters");
      }
      if (fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0) {
        throw invalid("\"fileName\" is a name, not a path: '" + fileName + "' holds a separator");
      }
      requirePrintable(fileName, "fileName");
    }
    String label = text(in.get("label"), "label");
    if (label == null) {
      label = "";
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw invalid("\"label\" has " + label.length() + " characters; at most " + MAX_LABEL_LENGTH);
    }
    requirePrintable(label, "label");
    JsonNode metadata = in.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw invalid("\"metadata\" must be a JSON object");
    }
    ObjectNode meta = metadata == null || metadata.isNull() ? null : (ObjectNode) metadata;
    if (meta != null) {
      requireStorable(meta);
      int bytes = compact(meta).length;
      if (bytes > maxMetadataBytes) {
        throw new InvalidDepositException(
            "limit-exceeded",
            "\"metadata\" takes " + bytes + " bytes as JSON; at most " + maxMetadataBytes);
      }
    }
    JsonNode previous = in.get("previous");
    Bytes prev =
        previous == null || previous.isNull()
            ? null
            : hash(previous, "previous", hashLength, "the id of an earlier deposit");
    return new DepositRequest(digest, size.asLong(), mediaType, fileName, label, meta, prev);
  }

  /** This request as the JSON object {@link #parse} reads. */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("digest", digest.hex());
    n.put("size", size);
    n.put("mediaType", mediaType);
    if (fileName != null) {
      n.put("fileName", fileName);
    }
    n.put("label", label);
    n.set("metadata", metadata.deepCopy());
    if (previous != null) {
      n.put("previous", previous.hex());
    }
    return n;
  }

  private static Bytes hash(JsonNode v, String field, int hashLength, String what) {
    String hex = text(v, field);
    if (hex == null) {
      throw invalid("\"" + field + "\" is required: " + what + " as lowercase hex");
    }
    if (hex.length() != hashLength * 2 || !hex.matches("[0-9a-f]*")) {
      throw invalid(
          "\""
              + field
              + "\" must be "
              + what
              + " in this chain's suite: "
              + hashLength * 2
              + " lowercase hex digits, got "
              + (hex.length() > 80 ? hex.length() + " characters" : "'" + hex + "'"));
    }
    return Bytes.fromHex(hex);
  }

  private static String text(JsonNode v, String field) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalid("\"" + field + "\" must be a string");
    }
    return v.asText();
  }

  private static void requirePrintable(String s, String field) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw invalid("\"" + field + "\" holds a control character at position " + i);
      }
    }
    int bad = unpairedSurrogate(s);
    if (bad >= 0) {
      throw invalid("\"" + field + "\" holds an unpaired UTF-16 surrogate at position " + bad);
    }
  }

  /**
   * Metadata must survive storage unchanged: JSON has no infinity or NaN (a number like 1e999 would
   * be stored as the non-JSON {@code Infinity}), and an unpaired surrogate ({@code "\\ud800"}) has
   * no UTF-8 form, so either would make the stored record differ from the signed arguments.
   */
  private static void requireStorable(JsonNode n) {
    if (n.isFloatingPointNumber() && !Double.isFinite(n.asDouble())) {
      throw invalid("\"metadata\" holds a number too large for JSON: " + n.asText());
    }
    if (n.isTextual() && unpairedSurrogate(n.asText()) >= 0) {
      throw invalid("\"metadata\" holds a string with an unpaired UTF-16 surrogate");
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (unpairedSurrogate(e.getKey()) >= 0) {
        throw invalid("\"metadata\" holds a key with an unpaired UTF-16 surrogate");
      }
      requireStorable(e.getValue());
    }
    if (n.isArray()) {
      for (JsonNode element : n) {
        requireStorable(element);
      }
    }
  }

  /** The position of the first unpaired surrogate in {@code s}, or -1. */
  private static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static byte[] compact(JsonNode n) {
    try {
      return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidDepositException invalid(String message) {
    return new InvalidDepositException("invalid-arguments", message);
  }
}
