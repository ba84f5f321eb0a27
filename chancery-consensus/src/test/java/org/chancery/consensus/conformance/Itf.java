package org.chancery.consensus.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the Informal Trace Format (ITF) that Quint writes: big integers as {@code {"#bigint":
 * "..."}}, sets as {@code {"#set": [...]}}, maps as {@code {"#map": [[k, v], ...]}}, tuples as
 * {@code {"#tup": [...]}} and sum types as {@code {"tag": ..., "value": ...}}.
 */
final class Itf {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Itf() {}

  /** One trace file: its states, in order. */
  record Trace(String name, List<JsonNode> states) {

    /** The value of the variable whose name is {@code name} or ends in {@code ::name}. */
    JsonNode variable(int index, String name) {
      JsonNode state = states.get(index);
      for (Map.Entry<String, JsonNode> f : state.properties()) {
        if (f.getKey().equals(name) || f.getKey().endsWith("::" + name)) {
          return f.getValue();
        }
      }
      throw new IllegalStateException(name + ": state " + index + " has no variable " + name);
    }

    boolean hasVariable(String name) {
      Iterator<String> names = states.get(0).fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (n.equals(name) || n.endsWith("::" + name)) {
          return true;
        }
      }
      return false;
    }

    /**
     * True if state {@code i} repeats state {@code i - 1} in every model variable (the {@code
     * mbt::} bookkeeping of {@code quint run --mbt} is not part of the model and is ignored).
     */
    boolean repeatsPrevious(int i) {
      JsonNode a = states.get(i - 1);
      JsonNode b = states.get(i);
      for (Map.Entry<String, JsonNode> f : b.properties()) {
        String key = f.getKey();
        if (key.equals("#meta") || key.startsWith("mbt::")) {
          continue;
        }
        if (!f.getValue().equals(a.get(key))) {
          return false;
        }
      }
      return true;
    }
  }

  static Trace read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16)
                : raw) {
      JsonNode root = JSON.readTree(in);
      JsonNode states = root.get("states");
      if (states == null || !states.isArray() || states.isEmpty()) {
        throw new IllegalStateException(file + " is not an ITF trace: no states");
      }
      List<JsonNode> list = new ArrayList<>();
      states.forEach(list::add);
      return new Trace(file.getFileName().toString(), list);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + file, e);
    }
  }

  static long bigint(JsonNode n) {
    JsonNode b = n.get("#bigint");
    if (b == null) {
      throw new IllegalStateException("not an ITF integer: " + n);
    }
    return Long.parseLong(b.asText());
  }

  static int integer(JsonNode n) {
    return Math.toIntExact(bigint(n));
  }

  static List<JsonNode> set(JsonNode n) {
    return elements(n, "#set");
  }

  static List<JsonNode> tuple(JsonNode n) {
    return elements(n, "#tup");
  }

  static List<Map.Entry<JsonNode, JsonNode>> map(JsonNode n) {
    List<Map.Entry<JsonNode, JsonNode>> entries = new ArrayList<>();
    for (JsonNode pair : elements(n, "#map")) {
      entries.add(Map.entry(pair.get(0), pair.get(1)));
    }
    return entries;
  }

  static String tag(JsonNode n) {
    JsonNode t = n.get("tag");
    if (t == null) {
      throw new IllegalStateException("not an ITF variant: " + n);
    }
    return t.asText();
  }

  static JsonNode payload(JsonNode n) {
    return n.get("value");
  }

  private static List<JsonNode> elements(JsonNode n, String kind) {
    JsonNode e = n.get(kind);
    if (e == null || !e.isArray()) {
      throw new IllegalStateException("not an ITF " + kind + ": " + n);
    }
    List<JsonNode> list = new ArrayList<>();
    e.forEach(list::add);
    return list;
  }
}
