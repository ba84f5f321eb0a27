package org.chancery.cli.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Receipt;
import org.chancery.core.json.LedgerJson;
import org.chancery.sdk.BlockInfo;
import org.chancery.sdk.ProvenTransaction;
import org.chancery.sdk.StateEntry;
import org.chancery.sdk.TransactionReceipt;
import org.chancery.sdk.TransactionResult;
import org.chancery.sdk.TransactionView;

/**
 * The {@code --json} documents of the node commands. They keep the API's shapes and conventions
 * (camelCase, hashes and ids as lowercase hex, other bytes as base64, times RFC 3339 UTC), so a
 * script can switch between {@code curl} and the CLI.
 */
public final class ResultJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private ResultJson() {}

  public static ObjectNode transaction(TransactionResult result) {
    ObjectNode n = NODES.objectNode();
    n.put("txId", result.txId().hex());
    n.put("status", result.status().wireName());
    switch (result) {
      case TransactionResult.Pending p -> {
        if (!p.detail().isEmpty()) {
          n.put("detail", p.detail());
        }
      }
      case TransactionResult.Included in -> {
        n.put("height", in.height());
        n.put("index", in.index());
        n.put("blockHash", in.blockHash().hex());
        in.transaction().ifPresent(t -> n.set("transaction", view(t)));
        n.set("receipt", receipt(in.receipt()));
        in.proof().ifPresent(p -> n.set("proof", p));
      }
    }
    return n;
  }

  static ObjectNode view(TransactionView t) {
    ObjectNode n = NODES.objectNode();
    n.put("txId", t.txId().hex());
    n.put("contract", t.contract());
    n.put("method", t.method());
    n.put("creatorOrg", t.creatorOrg());
    n.put("timestamp", t.timestamp().toString());
    n.put("chainId", t.chainId());
    n.put("nonce", t.nonce().hex());
    n.set("args", t.args());
    n.put("encoded", B64.encodeToString(t.encoded().toArray()));
    return n;
  }

  static ObjectNode receipt(TransactionReceipt r) {
    ObjectNode n = NODES.objectNode();
    n.put("status", r.status().name());
    if (r.status() == Receipt.Status.FAILED) {
      n.put("errorCode", r.errorCode());
      n.put("errorMessage", r.errorMessage());
    }
    ArrayNode events = n.putArray("events");
    for (TransactionReceipt.Event e : r.events()) {
      events.addObject().put("name", e.name()).set("data", e.data());
    }
    n.set("result", r.result().orElse(NODES.nullNode()));
    return n;
  }

  /** What offline verification proved, or why it failed. */
  public static ObjectNode verified(String genesis, ProvenTransaction p) {
    ObjectNode n = NODES.objectNode();
    n.put("verified", true);
    n.put("genesis", genesis);
    n.put("chainId", p.chainId());
    n.put("txId", p.txId().hex());
    n.put("height", p.height());
    n.put("blockHash", p.blockHash().hex());
    n.put("blockTime", p.blockTime().toString());
    n.put("index", p.index());
    n.put("status", p.status().name());
    n.put("contract", p.contract());
    n.put("method", p.method());
    n.put("creatorOrg", p.creatorOrg());
    n.put("creator", p.creatorName());
    ArrayNode signers = n.putArray("certifiedBy");
    p.certifiedBy().forEach(signers::add);
    return n;
  }

  public static ObjectNode notVerified(String genesis, String reason) {
    ObjectNode n = NODES.objectNode();
    n.put("verified", false);
    n.put("genesis", genesis);
    n.put("reason", reason);
    return n;
  }

  public static ObjectNode block(BlockInfo b) {
    ObjectNode n = NODES.objectNode();
    n.put("height", b.height());
    n.put("hash", b.hash().hex());
    n.set("header", LedgerJson.header(b.header()));
    n.put("headerBytes", B64.encodeToString(b.headerBytes().toArray()));
    ArrayNode txs = n.putArray("transactions");
    for (BlockInfo.TransactionSummary t : b.transactions()) {
      txs.addObject()
          .put("txId", t.txId().hex())
          .put("contract", t.contract())
          .put("method", t.method())
          .put("creatorOrg", t.creatorOrg())
          .put("timestamp", t.timestamp().toString());
    }
    b.certificate().ifPresent(c -> n.set("certificate", certificate(c)));
    return n;
  }

  static ObjectNode certificate(CommitCertificate c) {
    return LedgerJson.certificate(c);
  }

  public static ObjectNode state(StateEntry e) {
    ObjectNode n = NODES.objectNode();
    n.put("contract", e.contract());
    n.put("key", e.key());
    n.put("height", e.height());
    n.put("value", B64.encodeToString(e.value().toArray()));
    e.json().ifPresent(j -> n.set("json", j));
    return n;
  }
}
