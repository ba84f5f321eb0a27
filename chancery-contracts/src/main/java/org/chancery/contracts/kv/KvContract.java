package org.chancery.contracts.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.chancery.core.contract.Contract;
import org.chancery.core.contract.ContractContext;
import org.chancery.core.contract.ContractException;

/**
 * {@code kv}: general-purpose records. Any member may write; each key remembers the organisation
 * that first wrote it, and only that organisation may change or delete it afterwards, so one agency
 * cannot overwrite another's records.
 *
 * <ul>
 *   <li>{@code put {"key": "permit/2024/001", "value": <any JSON>}}: stores the value; result
 *       {@code {"key", "version"}} where version counts writes to the key.
 *   <li>{@code delete {"key": "permit/2024/001"}}: removes it.
 * </ul>
 *
 * Read a record with {@code GET /v1/state/kv/{key}}: the stored value is {@code {"owner",
 * "version", "value", "updatedAt", "updatedBy"}}.
 *
 * <pre>
 * chancery tx submit --contract kv --method put --args '{"key":"a","value":{"n":1}}'
 * </pre>
 */
public final class KvContract implements Contract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("put", "delete");

  @Override
  public String name() {
    return "kv";
  }

  @Override
  public String invoke(ContractContext ctx, String method, String args) {
    if (!METHODS.contains(method)) {
      throw new ContractException(
          "unknown-method", "kv has no method '" + method + "'; methods: delete, put");
    }
    JsonNode in = parse(args);
    String key = requireKey(in);
    ObjectNode existing = ctx.get(key).map(KvContract::record).orElse(null);
    if (existing != null && !existing.path("owner").asText().equals(ctx.sender().organisation())) {
      throw new ContractException(
          "unauthorised",
          "key '" + key + "' belongs to organisation '" + existing.path("owner").asText() + "'");
    }
    if (method.equals("delete")) {
      if (existing == null) {
        throw new ContractException("not-found", "no key '" + key + "'");
      }
      ctx.delete(key);
      ctx.emit("deleted", json(JSON.createObjectNode().put("key", key)));
      return json(JSON.createObjectNode().put("key", key));
    }
    if (!in.has("value")) {
      throw new ContractException("invalid-arguments", "put needs a \"value\"");
    }
    long version = existing == null ? 1 : existing.path("version").asLong() + 1;
    ObjectNode stored = JSON.createObjectNode();
    stored.put(
        "owner", existing == null ? ctx.sender().organisation() : existing.path("owner").asText());
    stored.put("version", version);
    stored.set("value", in.get("value"));
    stored.put("updatedAt", ctx.blockTime().toString());
    stored.put("updatedBy", ctx.sender().name());
    ctx.put(key, json(stored).getBytes(StandardCharsets.UTF_8));
    ctx.emit("put", json(JSON.createObjectNode().put("key", key).put("version", version)));
    return json(JSON.createObjectNode().put("key", key).put("version", version));
  }

  private static JsonNode parse(String args) {
    try {
      JsonNode node = JSON.readTree(args);
      if (node == null || !node.isObject()) {
        throw new ContractException("invalid-arguments", "arguments must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ContractException(
          "invalid-arguments", "arguments are not JSON: " + e.getOriginalMessage());
    }
  }

  private static String requireKey(JsonNode in) {
    JsonNode key = in.get("key");
    if (key == null || !key.isTextual() || key.asText().isEmpty()) {
      throw new ContractException("invalid-arguments", "\"key\" must be a non-empty string");
    }
    return key.asText();
  }

  private static ObjectNode record(byte[] bytes) {
    try {
      return (ObjectNode) JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored kv record is not JSON", e);
    }
  }

  private static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
