package org.chancery.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.chancery.core.Bytes;

/**
 * A value in a contract's state, as {@code GET /v1/state/{contract}/{key}} returns it.
 *
 * <pre>{@code
 * StateEntry e = client.state("kv", "permit/1");
 * e.json().ifPresent(record -> System.out.println(record.path("value")));
 * }</pre>
 *
 * @param contract the contract whose namespace holds the key
 * @param key the key
 * @param height the height of the state that was read
 * @param value the stored bytes
 * @param json the stored bytes parsed, when they are UTF-8 JSON
 */
public record StateEntry(
    String contract, String key, long height, Bytes value, Optional<JsonNode> json) {

  /** The value as UTF-8 text (replacing malformed sequences). */
  public String text() {
    return new String(value.toArray(), StandardCharsets.UTF_8);
  }
}
