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
import org.chancery.core.state.StateProof;

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

  /** The JSON form of a certified state proof. */
  public static ObjectNode toJson(CertifiedStateProof p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("header", b64(p.header()));
    n.put("certificate", b64(p.certificate()));
    StateProof s = p.proof();
    ObjectNode sp = n.putObject("stateProof");
    sp.put("contract", s.contract());
    sp.put("key", s.key());
    sp.put("height", s.height());
    sp.put("root", s.root().hex());
    if (s.value() == null) {
      sp.putNull("value");
    } else {
      sp.put("value", b64(s.value()));
    }
    sp.put("leafKeyHash", s.leafKeyHash() == null ? null : s.leafKeyHash().hex());
    sp.put("leafValueHash", s.leafValueHash() == null ? null : s.leafValueHash().hex());
    ArrayNode siblings = sp.putArray("siblings");
    s.siblings().forEach(h -> siblings.add(h.hex()));
    return n;
  }

  /**
   * Reads a certified state proof.
   *
   * @throws InvalidProofException if a field is missing or not of its type
   */
  public static CertifiedStateProof stateProof(JsonNode n) {
    JsonNode sp = n == null ? null : n.get("stateProof");
    if (sp == null || !sp.isObject()) {
      throw new InvalidProofException("proof field 'stateProof' is missing");
    }
    List<Bytes> siblings = new ArrayList<>();
    for (JsonNode h : sp.path("siblings")) {
      siblings.add(hex(h, "stateProof.siblings"));
    }
    if (!sp.path("contract").isTextual()
        || !sp.path("key").isTextual()
        || !sp.path("height").canConvertToLong()) {
      throw new InvalidProofException("stateProof needs contract, key and height");
    }
    return new CertifiedStateProof(
        bytes(n, "header"),
        bytes(n, "certificate"),
        new StateProof(
            sp.get("contract").asText(),
            sp.get("key").asText(),
            sp.get("height").asLong(),
            hex(sp.get("root"), "stateProof.root"),
            sp.path("value").isNull() || sp.path("value").isMissingNode()
                ? null
                : bytes(sp, "value"),
            optionalHex(sp.get("leafKeyHash"), "stateProof.leafKeyHash"),
            optionalHex(sp.get("leafValueHash"), "stateProof.leafValueHash"),
            siblings));
  }

  private static Bytes optionalHex(JsonNode v, String field) {
    return v == null || v.isNull() ? null : hex(v, field);
  }

  private static Bytes hex(JsonNode v, String field) {
    if (v == null || !v.isTextual()) {
      throw new InvalidProofException(field + " must be a hex string");
    }
    try {
      return Bytes.fromHex(v.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidProofException(field + " is not hex", e);
    }
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
