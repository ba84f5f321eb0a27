package org.chancery.core.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.merkle.MerkleProof;

/**
 * The JSON form of proofs, shared by the node's API and the SDK: encoded messages as base64, hashes
 * as lowercase hex.
 *
 * <pre>{@code
 * {"header": "<base64>", "certificate": "<base64>", "transaction": "<base64>",
 *  "receipt": "<base64>", "txProof": {"index": 0, "treeSize": 3, "path": ["<hex>", ...]},
 *  "receiptProof": {...}}
 * }</pre>
 */
public final class ProofJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProofJson() {}

  public static ObjectNode toJson(TransactionProof p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("header", b64(p.header()));
    n.put("certificate", b64(p.certificate()));
    n.put("transaction", b64(p.transaction()));
    n.put("receipt", b64(p.receipt()));
    n.set("txProof", merkle(p.txProof()));
    n.set("receiptProof", merkle(p.receiptProof()));
    return n;
  }

  /**
   * Reads a transaction proof.
   *
   * @throws InvalidProofException if a field is missing or not of its type
   */
  public static TransactionProof transactionProof(JsonNode n) {
    return new TransactionProof(
        bytes(n, "header"),
        bytes(n, "certificate"),
        bytes(n, "transaction"),
        bytes(n, "receipt"),
        merkle(n, "txProof"),
        merkle(n, "receiptProof"));
  }

  private static ObjectNode merkle(MerkleProof p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("index", p.index());
    n.put("treeSize", p.treeSize());
    ArrayNode path = n.putArray("path");
    p.pathHex().forEach(path::add);
    return n;
  }

  private static MerkleProof merkle(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null
        || !n.isObject()
        || !n.path("index").canConvertToLong()
        || !n.path("treeSize").canConvertToLong()
        || !n.path("path").isArray()) {
      throw new InvalidProofException(field + " must be {index, treeSize, path[]}");
    }
    List<String> path = new ArrayList<>();
    for (JsonNode h : n.get("path")) {
      if (!h.isTextual()) {
        throw new InvalidProofException(field + ".path must hold hex strings");
      }
      path.add(h.asText());
    }
    try {
      return MerkleProof.fromHex(n.get("index").asLong(), n.get("treeSize").asLong(), path);
    } catch (IllegalArgumentException e) {
      throw new InvalidProofException(field + ": " + e.getMessage(), e);
    }
  }

  private static Bytes bytes(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidProofException("proof field '" + field + "' is missing");
    }
    try {
      return Bytes.of(Base64.getDecoder().decode(v.asText()));
    } catch (IllegalArgumentException e) {
      throw new InvalidProofException("proof field '" + field + "' is not base64", e);
    }
  }

  private static String b64(Bytes b) {
    return Base64.getEncoder().encodeToString(b.toArray());
  }
}
