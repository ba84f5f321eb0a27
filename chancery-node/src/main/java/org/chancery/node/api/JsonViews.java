package org.chancery.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.chancery.core.block.Block;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Event;
import org.chancery.core.block.Receipt;
import org.chancery.core.json.LedgerJson;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;

/**
 * How ledger objects look in the API: camelCase keys, hashes and ids as lowercase hex, other bytes
 * as base64, times as RFC 3339 UTC, JSON payloads embedded as JSON.
 */
final class JsonViews {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private JsonViews() {}

  static ObjectNode header(BlockHeader h) {
    return LedgerJson.header(h);
  }

  static ObjectNode certificate(CommitCertificate c) {
    return LedgerJson.certificate(c);
  }

  static ObjectNode block(Block b, CommitCertificate cert) {
    ObjectNode n = JSON.createObjectNode();
    n.put("height", b.height());
    n.put("hash", b.hash().hex());
    n.set("header", header(b.header()));
    n.put("headerBytes", B64.encodeToString(b.headerBytes()));
    ArrayNode txs = n.putArray("transactions");
    for (Transaction tx : b.transactions()) {
      txs.add(transactionSummary(tx));
    }
    if (cert != null) {
      n.set("certificate", certificate(cert));
    }
    return n;
  }

  static ObjectNode transactionSummary(Transaction tx) {
    TxBody body = tx.body();
    ObjectNode n = JSON.createObjectNode();
    n.put("txId", tx.txId().hex());
    n.put("contract", body.contract());
    n.put("method", body.method());
    n.put("creatorOrg", body.creatorOrg());
    n.put("timestamp", body.timestamp().toString());
    return n;
  }

  static ObjectNode transaction(Transaction tx) {
    ObjectNode n = transactionSummary(tx);
    n.put("chainId", tx.body().chainId());
    n.put("nonce", tx.body().nonce().hex());
    n.set("args", embed(tx.body().args()));
    n.put("encoded", B64.encodeToString(tx.encoded()));
    return n;
  }

  static ObjectNode receipt(Receipt r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", r.status().name());
    if (r.status() == Receipt.Status.FAILED) {
      n.put("errorCode", r.errorCode());
      n.put("errorMessage", r.errorMessage());
    }
    ArrayNode events = n.putArray("events");
    for (Event e : r.events()) {
      events.addObject().put("name", e.name()).set("data", embed(e.data()));
    }
    n.set("result", r.result().isEmpty() ? JSON.nullNode() : embed(r.result()));
    return n;
  }

  /** A JSON document embedded as JSON; anything that does not parse is kept as a string. */
  static JsonNode embed(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node == null ? JSON.getNodeFactory().textNode(json) : node;
    } catch (java.io.IOException e) {
      return JSON.getNodeFactory().textNode(json);
    }
  }

  /** A stored value: base64 always, and embedded JSON when the bytes are UTF-8 JSON. */
  static void value(ObjectNode into, byte[] value) {
    into.put("value", B64.encodeToString(value));
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
      JsonNode node = JSON.readTree(text);
      if (node != null) {
        into.set("json", node);
      }
    } catch (java.io.IOException e) {
      // Not JSON: base64 alone carries it.
    }
  }

  /** Equivocations, each with both signed votes so anyone can check the proof. */
  static ObjectNode evidence(java.util.List<org.chancery.consensus.votekeeper.Equivocation> all) {
    ObjectNode n = JSON.createObjectNode();
    n.put("count", all.size());
    com.fasterxml.jackson.databind.node.ArrayNode items = n.putArray("equivocations");
    for (org.chancery.consensus.votekeeper.Equivocation e : all) {
      ObjectNode item = items.addObject();
      org.chancery.consensus.types.Vote v = e.counted().vote();
      item.put("validator", e.validator());
      item.put("height", v.height());
      item.put("round", v.round());
      item.put("type", v.type().name().toLowerCase(java.util.Locale.ROOT));
      item.set("first", signedVote(e.counted()));
      item.set("second", signedVote(e.conflicting()));
    }
    return n;
  }

  private static ObjectNode signedVote(org.chancery.consensus.types.SignedVote s) {
    ObjectNode n = JSON.createObjectNode();
    if (s.vote().value().isPresent()) {
      n.put("blockHash", s.vote().value().get().bytes().hex());
    } else {
      n.putNull("blockHash");
    }
    n.put("signature", B64.encodeToString(s.signature().toArray()));
    return n;
  }
}
