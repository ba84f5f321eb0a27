package org.chancery.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeTest {

  private static final String DOC =
      """
      chainId: demo
      count: 7
      enabled: true
      items:
        - name: a
          port: 70000
        - name: b
      """;

  @Test
  void readsTypedValuesWithTheirPaths() {
    YamlTree root = YamlTree.parse("t.yaml", DOC);
    assertThat(root.requireString("chainId")).isEqualTo("demo");
    assertThat(root.requireInt("count", 0, 10)).isEqualTo(7);
    assertThat(root.optionalBoolean("enabled", false)).isTrue();
    List<YamlTree> items = root.requireList("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(1).path()).isEqualTo("items[1]");
    assertThat(items.get(1).line()).isEqualTo(7);
    assertThat(root.optionalString("missing", "fallback")).isEqualTo("fallback");
  }

  @Test
  void outOfRangeNumberNamesFileLineAndField() {
    YamlTree item = YamlTree.parse("t.yaml", DOC).requireList("items").get(0);
    assertThatThrownBy(() -> item.requireInt("port", 1, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml line 6, items[0].port: must be between 1 and 65535, got 70000")
        .satisfies(
            e -> {
              ConfigException ce = (ConfigException) e;
              assertThat(ce.line()).isEqualTo(6);
              assertThat(ce.field()).isEqualTo("items[0].port");
            });
  }

  @Test
  void missingFieldIsNamed() {
    YamlTree root = YamlTree.parse("t.yaml", DOC);
    assertThatThrownBy(() -> root.requireString("suite"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("suite: required field 'suite' is missing");
  }

  @Test
  void unknownFieldIsRejectedWithItsLine() {
    YamlTree root = YamlTree.parse("t.yaml", DOC);
    assertThatThrownBy(() -> root.allowOnly("chainId", "count", "items"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "t.yaml line 3, enabled: unknown field 'enabled'; allowed here: chainId, count,"
                + " items");
  }

  @Test
  void numberWhereAStringIsExpectedIsRejectedNotCoerced() {
    YamlTree root = YamlTree.parse("t.yaml", DOC);
    assertThatThrownBy(() -> root.requireString("count"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2, count: must be a string, got '7'");
  }

  @Test
  void wrongKindOfNodeIsRejected() {
    YamlTree root = YamlTree.parse("t.yaml", DOC);
    assertThatThrownBy(() -> root.requireList("chainId"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chainId: must be a list");
    assertThatThrownBy(() -> root.requireInt("chainId", 0, 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be a whole number, got 'demo'");
    assertThatThrownBy(() -> root.require("items").requireString("x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("items: must be a mapping of fields");
  }

  @Test
  void badBooleanIsRejected() {
    YamlTree root = YamlTree.parse("t.yaml", "flag: maybe\n");
    assertThatThrownBy(() -> root.optionalBoolean("flag", false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 1, flag: must be true or false, got 'maybe'");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(() -> YamlTree.parse("t.yaml", "a: 1\nb:\n  c: 1\n  c: 2\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml line 4, b.c: duplicate field (first given on line 3)");
  }

  @Test
  void syntaxErrorNamesTheLine() {
    assertThatThrownBy(() -> YamlTree.parse("t.yaml", "a: 1\nb: [unclosed\nc: 3\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("t.yaml line ")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void emptyDocumentAndNonMappingRootAreRejected() {
    assertThatThrownBy(() -> YamlTree.parse("t.yaml", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml: file is empty");
    assertThatThrownBy(() -> YamlTree.parse("t.yaml", "- a\n- b\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be a mapping of fields");
  }

  @Test
  void nullValuesCountAsAbsent() {
    YamlTree root = YamlTree.parse("t.yaml", "a: ~\nb:\n");
    assertThat(root.has("a")).isFalse();
    assertThat(root.optionalInt("b", 5, 0, 10)).isEqualTo(5);
  }

  @Test
  void globalTagsThatCouldInstantiateObjectsAreRejected() {
    assertThatThrownBy(
            () -> YamlTree.parse("t.yaml", "a: !!javax.script.ScriptEngineManager [x]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("t.yaml line 1: not valid YAML")
        .hasMessageContaining("tag");
  }

  @Test
  void writerOutputReadsBack() {
    var doc = new java.util.LinkedHashMap<String, Object>();
    doc.put("name", "node1");
    doc.put("port", 7100);
    doc.put("zip", "01234");
    doc.put("list", List.of("x", "y"));
    String yaml = YamlWriter.write("header line\nsecond", doc);
    assertThat(yaml).startsWith("# header line\n# second\n");
    YamlTree root = YamlTree.parse("w.yaml", yaml);
    assertThat(root.requireString("name")).isEqualTo("node1");
    assertThat(root.requireInt("port", 1, 65535)).isEqualTo(7100);
    assertThat(root.requireString("zip")).isEqualTo("01234");
    assertThat(root.optionalStringList("list")).containsExactly("x", "y");
  }
}
