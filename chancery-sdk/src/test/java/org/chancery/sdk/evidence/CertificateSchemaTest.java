package org.chancery.sdk.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The documented schema names exactly the fields the codec writes, and describes every one. (A full
 * JSON Schema validator is not a dependency of the build.)
 */
class CertificateSchemaTest {
  private static final Path SCHEMA = Path.of("../docs/schemas/evidence-certificate.schema.json");

  @Test
  void theSchemaHasExactlyTheCodecsFieldsEachDescribed() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(Files.readAllBytes(SCHEMA));
    JsonNode certificate = CertificateLeaves.parse(EvidenceFixture.create().certificateJson());
    List<String> undescribed = new ArrayList<>();
    TreeSet<String> documented = new TreeSet<>();
    collect(schema, "", documented, undescribed);
    TreeSet<String> written = new TreeSet<>();
    fields(certificate, "", written);
    // fileName and previous are optional: the fixture writes both.
    assertThat(documented).isEqualTo(written);
    assertThat(undescribed).isEmpty();
  }

  private static void collect(JsonNode s, String at, TreeSet<String> out, List<String> bare) {
    JsonNode props = s.get("properties");
    if (props != null) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        String path = at + "/" + e.getKey();
        out.add(path);
        if (!e.getValue().has("description")) {
          bare.add(path);
        }
        collect(e.getValue(), path, out, bare);
      }
    }
    JsonNode items = s.get("items");
    if (items != null) {
      collect(items, at + "/*", out, bare);
    }
  }

  private static void fields(JsonNode n, String at, TreeSet<String> out) {
    if (n.isObject() && !at.endsWith("/metadata")) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        out.add(at + "/" + e.getKey());
        fields(e.getValue(), at + "/" + e.getKey(), out);
      }
    } else if (n.isArray() && n.size() > 0) {
      fields(n.get(0), at + "/*", out);
    }
  }
}
