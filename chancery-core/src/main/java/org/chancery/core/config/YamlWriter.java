package org.chancery.core.config;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes plain maps, lists and scalars as block-style YAML, in the insertion order of the maps,
 * with a comment header. The output reads back with {@link YamlTree}.
 */
public final class YamlWriter {
  private YamlWriter() {}

  /**
   * Renders {@code document} under a {@code # }-prefixed header.
   *
   * @param header comment lines, without the leading {@code #}
   */
  public static String write(String header, Map<String, Object> document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(100);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    StringBuilder sb = new StringBuilder();
    for (String line : header.split("\n", -1)) {
      sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    sb.append(new Yaml(options).dump(document));
    return sb.toString();
  }
}
