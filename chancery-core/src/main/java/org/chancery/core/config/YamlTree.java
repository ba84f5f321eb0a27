package org.chancery.core.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A read-only view of a YAML document that remembers where every value came from, so that every
 * configuration error can name its file, line and field. Only the YAML node graph is composed;
 * nothing is instantiated from tags, so a hostile file cannot construct objects.
 *
 * <pre>{@code
 * YamlTree root = YamlTree.parse("network.yaml", text);
 * String chainId = root.requireString("chainId");
 * for (YamlTree org : root.requireList("organisations")) {
 *   org.allowOnly("id", "name", "nodes", "users");
 * }
 * }</pre>
 */
public final class YamlTree {
  private static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

  private final String source;
  private final String path;
  private final Node node;

  private YamlTree(String source, String path, Node node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  /**
   * Parses one YAML document whose root must be a mapping.
   *
   * @param source the file name used in error messages
   * @throws ConfigException if the text is not YAML, is empty, or its root is not a mapping
   */
  public static YamlTree parse(String source, String text) {
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new ConfigException(
          source, 0, "", "file is larger than " + MAX_DOCUMENT_CHARS + " characters");
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(MAX_DOCUMENT_CHARS);
    options.setNestingDepthLimit(40);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new ConfigException(source, line, "", "not valid YAML: " + problem);
    } catch (YAMLException e) {
      throw new ConfigException(source, 0, "", "not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ConfigException(source, 0, "", "file is empty");
    }
    YamlTree tree = new YamlTree(source, "", root);
    tree.requireMapping();
    tree.rejectDuplicateKeys();
    return tree;
  }

  /** The file name used in error messages. */
  public String source() {
    return source;
  }

  /** Dotted path of this value from the document root; empty for the root. */
  public String path() {
    return path;
  }

  /** 1-based line where this value starts. */
  public int line() {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** An error located at this value. */
  public ConfigException error(String problem) {
    return new ConfigException(source, line(), path, problem);
  }

  /** Fails unless every key of this mapping is one of {@code allowed}; catches typos. */
  public YamlTree allowOnly(String... allowed) {
    Set<String> known = Set.of(allowed);
    for (NodeTuple tuple : mapping().getValue()) {
      String key = keyOf(tuple);
      if (!known.contains(key)) {
        throw new ConfigException(
            source,
            tuple.getKeyNode().getStartMark().getLine() + 1,
            childPath(key),
            "unknown field '"
                + key
                + "'; allowed here: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
    return this;
  }

  /** Whether this mapping has {@code key} with a non-null value. */
  public boolean has(String key) {
    return find(key).isPresent();
  }

  /** The value under {@code key}, if present and not null. */
  public Optional<YamlTree> find(String key) {
    for (NodeTuple tuple : mapping().getValue()) {
      if (key.equals(keyOf(tuple))) {
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode s && isNull(s)) {
          return Optional.empty();
        }
        return Optional.of(new YamlTree(source, childPath(key), value));
      }
    }
    return Optional.empty();
  }

  /** The value under {@code key}; fails naming the field when it is missing. */
  public YamlTree require(String key) {
    return find(key)
        .orElseThrow(
            () ->
                new ConfigException(
                    source, line(), childPath(key), "required field '" + key + "' is missing"));
  }

  public String requireString(String key) {
    return require(key).asString();
  }

  public String optionalString(String key, String fallback) {
    return find(key).map(YamlTree::asString).orElse(fallback);
  }

  public int requireInt(String key, int min, int max) {
    return require(key).asInt(min, max);
  }

  public int optionalInt(String key, int fallback, int min, int max) {
    return find(key).map(v -> v.asInt(min, max)).orElse(fallback);
  }

  public long optionalLong(String key, long fallback, long min, long max) {
    return find(key).map(v -> v.asLong(min, max)).orElse(fallback);
  }

  public boolean optionalBoolean(String key, boolean fallback) {
    return find(key).map(YamlTree::asBoolean).orElse(fallback);
  }

  /** The sequence under {@code key}; fails when missing or not a sequence. */
  public List<YamlTree> requireList(String key) {
    return require(key).asList();
  }

  /** The sequence under {@code key}, or an empty list when absent. */
  public List<YamlTree> optionalList(String key) {
    return find(key).map(YamlTree::asList).orElse(List.of());
  }

  /** The sequence under {@code key} as strings, or an empty list when absent. */
  public List<String> optionalStringList(String key) {
    return optionalList(key).stream().map(YamlTree::asString).toList();
  }

  /** This value as a non-empty string. Numbers and booleans are rejected, not coerced. */
  public String asString() {
    ScalarNode scalar = scalar("a string");
    String tag = scalar.getTag().getValue();
    if (!tag.endsWith(":str")) {
      throw error("must be a string, got '" + scalar.getValue() + "' (quote it)");
    }
    if (scalar.getValue().isBlank()) {
      throw error("must not be empty");
    }
    return scalar.getValue();
  }

  public int asInt(int min, int max) {
    return (int) asLong(min, max);
  }

  public long asLong(long min, long max) {
    ScalarNode scalar = scalar("a whole number");
    long value;
    try {
      value = Long.parseLong(scalar.getValue().replace("_", ""));
    } catch (NumberFormatException e) {
      throw error("must be a whole number, got '" + scalar.getValue() + "'");
    }
    if (value < min || value > max) {
      throw error("must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public boolean asBoolean() {
    ScalarNode scalar = scalar("true or false");
    return switch (scalar.getValue()) {
      case "true", "True", "TRUE" -> true;
      case "false", "False", "FALSE" -> false;
      default -> throw error("must be true or false, got '" + scalar.getValue() + "'");
    };
  }

  public List<YamlTree> asList() {
    if (!(node instanceof SequenceNode sequence)) {
      throw error("must be a list");
    }
    List<YamlTree> out = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      out.add(new YamlTree(source, path + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  /** This value as a mapping view; fails when it is not a mapping. */
  public YamlTree requireMapping() {
    mapping();
    return this;
  }

  /** Keys of this mapping in document order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (NodeTuple tuple : mapping().getValue()) {
      keys.add(keyOf(tuple));
    }
    return keys;
  }

  private MappingNode mapping() {
    if (!(node instanceof MappingNode m)) {
      throw error("must be a mapping of fields");
    }
    return m;
  }

  private ScalarNode scalar(String expected) {
    if (!(node instanceof ScalarNode s)) {
      throw error("must be " + expected + ", got a " + kind(node));
    }
    return s;
  }

  private String keyOf(NodeTuple tuple) {
    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
      throw new ConfigException(
          source,
          tuple.getKeyNode().getStartMark().getLine() + 1,
          path,
          "field names must be plain strings");
    }
    return key.getValue();
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private void rejectDuplicateKeys() {
    walkForDuplicates(node, path);
  }

  private void walkForDuplicates(Node n, String at) {
    if (n instanceof MappingNode m) {
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (NodeTuple tuple : m.getValue()) {
        String key = keyOf(tuple);
        int keyLine = tuple.getKeyNode().getStartMark().getLine() + 1;
        String child = at.isEmpty() ? key : at + "." + key;
        Integer first = seen.putIfAbsent(key, keyLine);
        if (first != null) {
          throw new ConfigException(
              source, keyLine, child, "duplicate field (first given on line " + first + ")");
        }
        walkForDuplicates(tuple.getValueNode(), child);
      }
    } else if (n instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        walkForDuplicates(s.getValue().get(i), at + "[" + i + "]");
      }
    }
  }

  private static boolean isNull(ScalarNode s) {
    return s.getTag().getValue().endsWith(":null");
  }

  private static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "mapping";
    }
    if (n instanceof SequenceNode) {
      return "list";
    }
    return "value";
  }
}
