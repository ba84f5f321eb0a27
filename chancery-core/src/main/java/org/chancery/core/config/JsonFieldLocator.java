package org.chancery.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds the line of a field in a JSON document, so that errors found after parsing (or reported by
 * Jackson at the end of a record) can still name the line. Paths are written as in error messages:
 * {@code validators[1].address}.
 */
public final class JsonFieldLocator {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonFieldLocator() {}

  /** 1-based line where {@code path} starts, or 0 if the document has no such field. */
  public static int lineOf(byte[] json, String path) {
    if (path == null || path.isEmpty()) {
      return 0;
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() == null) {
        return 0;
      }
      return walk(parser, "", path);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Walks the value at the parser's current token; returns the line if the target is inside. */
  private static int walk(JsonParser parser, String at, String target) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String child = at.isEmpty() ? parser.currentName() : at + "." + parser.currentName();
        int line = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        if (child.equals(target)) {
          return line;
        }
        if (target.startsWith(child)) {
          int found = walk(parser, child, target);
          if (found > 0) {
            return found;
          }
        } else {
          parser.skipChildren();
        }
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String child = at + "[" + index++ + "]";
        if (child.equals(target)) {
          return parser.currentTokenLocation().getLineNr();
        }
        if (target.startsWith(child)) {
          int found = walk(parser, child, target);
          if (found > 0) {
            return found;
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return 0;
  }
}
