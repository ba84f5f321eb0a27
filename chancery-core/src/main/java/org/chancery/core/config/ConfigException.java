package org.chancery.core.config;

/**
 * A configuration file (network description, node configuration, genesis) that cannot be used. The
 * message names the file, the line and the field, and says what is expected, for example {@code
 * network.yaml line 12, organisations[1].nodes[0].p2pPort: must be between 1 and 65535, got 70000}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String field;
  private final String problem;

  public ConfigException(String source, int line, String field, String problem) {
    super(format(source, line, field, problem));
    this.source = source;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  public ConfigException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.line = 0;
    this.field = "";
    this.problem = problem;
  }

  private static String format(String source, int line, String field, String problem) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(" line ").append(line);
    }
    if (field != null && !field.isEmpty()) {
      sb.append(", ").append(field);
    }
    return sb.append(": ").append(problem).toString();
  }

  /** The file or document the problem is in. */
  public String source() {
    return source;
  }

  /** 1-based line of the offending field, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** Dotted path of the offending field, for example {@code organisations[1].id}. */
  public String field() {
    return field;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /** Stable error code for APIs and the CLI. */
  public String code() {
    return "invalid-config";
  }
}
