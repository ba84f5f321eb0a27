package org.chancery.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One run of the {@code chancery} command in-process: exit code, stdout and stderr. */
public record CliRun(int exit, String out, String err) {
  private static final ObjectMapper ONE_DOCUMENT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ChanceryCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Stdout parsed as the one JSON document {@code --json} promises. */
  public JsonNode json() {
    try {
      return ONE_DOCUMENT.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not one JSON document: " + out, e);
    }
  }
}
