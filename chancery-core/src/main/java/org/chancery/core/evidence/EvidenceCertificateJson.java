package org.chancery.core.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.chancery.core.Bytes;
import org.chancery.core.merkle.MerkleProof;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.UnknownSuiteException;

/**
 * The JSON form of an {@link EvidenceCertificate} (schema {@value EvidenceCertificate#SCHEMA},
 * documented in {@code docs/schemas/evidence-certificate.schema.json}). Encoded bytes are base64,
 * hashes and ids lowercase hex, certificates PEM, times RFC 3339 UTC. Reading is strict: an unknown
 * or missing field is an error naming it, so nothing in a certificate goes unchecked.
 *
 * <pre>{@code
 * byte[] json = EvidenceCertificateJson.encode(certificate);
 * EvidenceCertificate back = EvidenceCertificateJson.decode(json);
 * }</pre>
 */
public final class EvidenceCertificateJson {
  /** Largest certificate accepted, to keep a hostile file from exhausting memory. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private EvidenceCertificateJson() {}

  /** The certificate as a JSON tree, fields in a fixed order. */
  public static ObjectNode toJson(EvidenceCertificate c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("schema", EvidenceCertificate.SCHEMA);
    n.put("chainId", c.chainId());
    n.put("suite", c.suite());
    n.put("genesisHash", c.genesisHash().hex());
    n.set("deposit", c.deposit().toJson());
    ObjectNode tx = n.putObject("transaction");
    tx.put("txId", c.transaction().txId().hex());
    tx.put("body", b64(c.transaction().body()));
    tx.put("signature", b64(c.transaction().signature()));
    tx.put("creatorCertificate", c.transaction().creatorCertificate());
    ArrayNode chain = tx.putArray("creatorChain");
    c.transaction().creatorChain().forEach(chain::add);
    ObjectNode block = n.putObject("block");
    block.put("height", c.block().height());
    block.put("hash", c.block().hash().hex());
    block.put("time", c.block().time().toString());
    block.put("header", b64(c.block().header()));
    n.put("receipt", b64(c.receipt()));
    ObjectNode proofs = n.putObject("proofs");
    proofs.set("transaction", merkle(c.txProof()));
    proofs.set("receipt", merkle(c.receiptProof()));
    ObjectNode commit = n.putObject("commit");
    commit.put("certificate", b64(c.commitCertificate()));
    ArrayNode validators = commit.putArray("validators");
    for (EvidenceCertificate.ValidatorCertificate v : c.validators()) {
      ObjectNode vn = validators.addObject();
      vn.put("name", v.name());
      vn.put("organisation", v.organisation());
      vn.put("certificate", v.certificate());
    }
    return n;
  }

  /** The certificate as indented UTF-8 JSON; the same certificate always gives the same bytes. */
  public static byte[] encode(EvidenceCertificate c) {
    try {
      return (JSON.writeValueAsString(toJson(c)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a certificate from its JSON bytes.
   *
   * @throws MalformedEvidenceCertificateException naming the first field that is missing, unknown
   *     or malformed
   */
  public static EvidenceCertificate decode(byte[] json) {
    if (json.length > MAX_BYTES) {
      throw new MalformedEvidenceCertificateException(
          "certificate is "
              + json.length
              + " bytes; an evidence certificate is at most "
              + MAX_BYTES);
    }
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedEvidenceCertificateException(
          "certificate is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedEvidenceCertificateException("certificate is not JSON: " + e, e);
    }
    return fromJson(n);
  }

  /**
   * Reads a certificate from its JSON tree.
   *
   * @throws MalformedEvidenceCertificateException naming the first field that is missing, unknown
   *     or malformed
   */
  public static EvidenceCertificate fromJson(JsonNode n) {
    object(n, "certificate");
    fields(
        n,
        "",
        "schema",
        "chainId",
        "suite",
        "genesisHash",
        "deposit",
        "transaction",
        "block",
        "receipt",
        "proofs",
        "commit");
    String schema = text(n, "schema", "");
    if (!schema.equals(EvidenceCertificate.SCHEMA)) {
      throw new MalformedEvidenceCertificateException(
          "certificate has schema '"
              + schema
              + "'; this verifier reads "
              + EvidenceCertificate.SCHEMA
              + " (a newer Chancery may read it)");
    }
    String suiteName = text(n, "suite", "");
    int hashLength;
    try {
      hashLength = CryptoSuite.byName(suiteName).hashLength();
    } catch (UnknownSuiteException e) {
      throw new MalformedEvidenceCertificateException(
          "certificate names the unknown suite '" + suiteName + "'", e);
    }
    DepositRecord deposit;
    try {
      deposit = DepositRecord.fromJson(object(n.get("deposit"), "deposit"), hashLength);
    } catch (InvalidDepositException e) {
      throw new MalformedEvidenceCertificateException("deposit: " + e.getMessage(), e);
    }
    JsonNode tx = object(n.get("transaction"), "transaction");
    fields(tx, "transaction.", "txId", "body", "signature", "creatorCertificate", "creatorChain");
    List<String> creatorChain = new ArrayList<>();
    for (JsonNode pem : array(tx.get("creatorChain"), "transaction.creatorChain")) {
      if (!pem.isTextual()) {
        throw new MalformedEvidenceCertificateException(
            "transaction.creatorChain must hold PEM certificates");
      }
      creatorChain.add(pem.asText());
    }
    JsonNode block = object(n.get("block"), "block");
    fields(block, "block.", "height", "hash", "time", "header");
    JsonNode height = block.get("height");
    if (!height.isIntegralNumber() || !height.canConvertToLong() || height.asLong() < 1) {
      throw new MalformedEvidenceCertificateException("block.height must be a height >= 1");
    }
    Instant time;
    try {
      time = Instant.parse(text(block, "time", "block."));
    } catch (DateTimeParseException e) {
      throw new MalformedEvidenceCertificateException("block.time is not an RFC 3339 UTC time", e);
    }
    JsonNode proofs = object(n.get("proofs"), "proofs");
    fields(proofs, "proofs.", "transaction", "receipt");
    JsonNode commit = object(n.get("commit"), "commit");
    fields(commit, "commit.", "certificate", "validators");
    List<EvidenceCertificate.ValidatorCertificate> validators = new ArrayList<>();
    int i = 0;
    for (JsonNode v : array(commit.get("validators"), "commit.validators")) {
      String at = "commit.validators[" + i++ + "].";
      object(v, at.substring(0, at.length() - 1));
      fields(v, at, "name", "organisation", "certificate");
      validators.add(
          new EvidenceCertificate.ValidatorCertificate(
              text(v, "name", at), text(v, "organisation", at), text(v, "certificate", at)));
    }
    return new EvidenceCertificate(
        text(n, "chainId", ""),
        suiteName,
        hex(n, "genesisHash", ""),
        deposit,
        new EvidenceCertificate.TransactionPart(
            hex(tx, "txId", "transaction."),
            base64(tx, "body", "transaction."),
            base64(tx, "signature", "transaction."),
            text(tx, "creatorCertificate", "transaction."),
            creatorChain),
        new EvidenceCertificate.BlockPart(
            height.asLong(), hex(block, "hash", "block."), time, base64(block, "header", "block.")),
        base64(n, "receipt", ""),
        merkle(proofs.get("transaction"), "proofs.transaction"),
        merkle(proofs.get("receipt"), "proofs.receipt"),
        base64(commit, "certificate", "commit."),
        validators);
  }

  private static ObjectNode merkle(MerkleProof p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("index", p.index());
    n.put("treeSize", p.treeSize());
    ArrayNode path = n.putArray("path");
    p.pathHex().forEach(path::add);
    return n;
  }

  private static MerkleProof merkle(JsonNode n, String field) {
    object(n, field);
    fields(n, field + ".", "index", "treeSize", "path");
    if (!n.get("index").isIntegralNumber()
        || !n.get("index").canConvertToLong()
        || !n.get("treeSize").isIntegralNumber()
        || !n.get("treeSize").canConvertToLong()) {
      throw new MalformedEvidenceCertificateException(
          field + " needs whole numbers index and treeSize");
    }
    List<String> path = new ArrayList<>();
    for (JsonNode h : array(n.get("path"), field + ".path")) {
      if (!h.isTextual() || !h.asText().matches("[0-9a-f]+")) {
        throw new MalformedEvidenceCertificateException(
            field + ".path must hold lowercase hex strings");
      }
      path.add(h.asText());
    }
    try {
      return MerkleProof.fromHex(n.get("index").asLong(), n.get("treeSize").asLong(), path);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceCertificateException(field + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode object(JsonNode n, String field) {
    if (n == null || !n.isObject()) {
      throw new MalformedEvidenceCertificateException(
          (field.isEmpty() ? "certificate" : field) + " must be a JSON object");
    }
    return n;
  }

  private static JsonNode array(JsonNode n, String field) {
    if (n == null || !n.isArray()) {
      throw new MalformedEvidenceCertificateException(field + " must be a JSON array");
    }
    return n;
  }

  private static void fields(JsonNode n, String at, String... expected) {
    Set<String> known = Set.of(expected);
    for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new MalformedEvidenceCertificateException(
            "unknown field " + at + name + " (schema " + EvidenceCertificate.SCHEMA + ")");
      }
    }
    for (String f : expected) {
      if (!n.has(f)) {
        throw new MalformedEvidenceCertificateException("field " + at + f + " is missing");
      }
    }
  }

  private static String text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new MalformedEvidenceCertificateException(at + field + " must be a string");
    }
    return v.asText();
  }

  private static Bytes hex(JsonNode n, String field, String at) {
    String s = text(n, field, at);
    if (s.isEmpty() || s.length() % 2 != 0 || !s.matches("[0-9a-f]*")) {
      throw new MalformedEvidenceCertificateException(at + field + " must be lowercase hex");
    }
    return Bytes.fromHex(s);
  }

  private static Bytes base64(JsonNode n, String field, String at) {
    String s = text(n, field, at);
    try {
      byte[] decoded = Base64.getDecoder().decode(s);
      // Only the canonical spelling: two texts for the same bytes would let a field change unseen.
      if (!B64.encodeToString(decoded).equals(s)) {
        throw new MalformedEvidenceCertificateException(at + field + " is not canonical base64");
      }
      return Bytes.of(decoded);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceCertificateException(at + field + " is not base64", e);
    }
  }

  private static String b64(Bytes b) {
    return B64.encodeToString(b.toArray());
  }
}
