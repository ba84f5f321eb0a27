package org.chancery.sdk.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks every leaf of a certificate's JSON (every string and number, array elements included) and
 * changes one, keeping its shape: a number grows, a hex string gets another digit, a time moves,
 * base64 and PEM get one byte of their decoded bytes flipped, and other text another letter. So a
 * change is always readable and the verifier, not the codec, must catch it (except where the field
 * itself is format, like the schema and the suite).
 */
public final class CertificateLeaves {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

  private CertificateLeaves() {}

  /** The JSON Pointers of every leaf of {@code root}. */
  public static List<String> leaves(JsonNode root) {
    List<String> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  private static void walk(JsonNode n, String at, List<String> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        walk(e.getValue(), at + "/" + e.getKey(), out);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), at + "/" + i, out);
      }
    } else {
      out.add(at);
    }
  }

  public static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] write(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A copy of {@code root} with the leaf at {@code pointer} changed.
   *
   * @param position which byte, digit or character to change; -1 for the last
   * @param amount how much to change it by, at least 1
   */
  public static JsonNode tamper(JsonNode root, String pointer, int position, int amount) {
    JsonNode copy = root.deepCopy();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = copy.at(pointer.substring(0, slash));
    String key = pointer.substring(slash + 1);
    JsonNode leaf = copy.at(pointer);
    JsonNode changed = changed(leaf, position, amount);
    if (parent instanceof ObjectNode o) {
      o.set(key, changed);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(key), changed);
    }
    return copy;
  }

  private static JsonNode changed(JsonNode leaf, int position, int amount) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (leaf.isIntegralNumber()) {
      return f.numberNode(leaf.asLong() + amount);
    }
    if (!leaf.isTextual()) {
      throw new IllegalArgumentException("not a string or whole number: " + leaf);
    }
    String s = leaf.asText();
    if (s.startsWith(PEM_BEGIN)) {
      return f.textNode(pem(flip(pemDer(s), position, amount)));
    }
    if (!s.isEmpty() && s.length() % 2 == 0 && s.matches("[0-9a-f]+")) {
      int at = index(position, s.length());
      int digit = Character.digit(s.charAt(at), 16) ^ (1 + (amount - 1) % 15);
      return f.textNode(s.substring(0, at) + Character.forDigit(digit, 16) + s.substring(at + 1));
    }
    Instant time = instant(s);
    if (time != null) {
      return f.textNode(time.plusMillis(amount).toString());
    }
    if (s.length() >= 8 && isCanonicalBase64(s)) {
      return f.textNode(Base64.getEncoder().encodeToString(flip(decode(s), position, amount)));
    }
    int at = position < 0 ? s.length() : index(position, s.length() + 1);
    char letter = (char) ('a' + (amount - 1) % 26);
    return f.textNode(s.substring(0, at) + letter + s.substring(at));
  }

  /** The kinds of leaf, to check the walk covers each. */
  public static Set<String> kinds() {
    return Set.of("number", "pem", "hex", "time", "base64", "text");
  }

  public static String kind(JsonNode leaf) {
    if (leaf.isNumber()) {
      return "number";
    }
    String s = leaf.asText();
    if (s.startsWith(PEM_BEGIN)) {
      return "pem";
    }
    if (!s.isEmpty() && s.length() % 2 == 0 && s.matches("[0-9a-f]+")) {
      return "hex";
    }
    if (instant(s) != null) {
      return "time";
    }
    if (s.length() >= 8 && isCanonicalBase64(s)) {
      return "base64";
    }
    return "text";
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isCanonicalBase64(String s) {
    try {
      return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(s)).equals(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] decode(String s) {
    return Base64.getDecoder().decode(s);
  }

  private static byte[] flip(byte[] bytes, int position, int amount) {
    byte[] out = bytes.clone();
    int at = index(position, out.length);
    out[at] = (byte) (out[at] ^ (1 + (amount - 1) % 255));
    return out;
  }

  private static int index(int position, int length) {
    return position < 0 ? length - 1 : position % length;
  }

  private static byte[] pemDer(String pem) {
    String b64 =
        pem.replace(PEM_BEGIN, "").replace("-----END CERTIFICATE-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(b64);
  }

  private static String pem(byte[] der) {
    return PEM_BEGIN
        + "\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
