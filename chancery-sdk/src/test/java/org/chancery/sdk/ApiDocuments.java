package org.chancery.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.proof.ProofJson;
import org.chancery.core.tx.Transaction;

/** JSON documents shaped as the node's API writes them (see the node's JsonViews). */
final class ApiDocuments {
  static final ObjectMapper JSON = new ObjectMapper();

  private ApiDocuments() {}

  static ObjectNode status(TestChain chain) {
    ObjectNode n = JSON.createObjectNode();
    n.put("chainId", TestChain.CHAIN_ID);
    n.put("suite", chain.suite.name());
    n.put("genesisHash", "ab".repeat(32));
    n.put("node", "node1");
    n.put("organisation", "org1");
    n.put("validator", true);
    n.put("consensus", "solo");
    n.put("height", 7);
    n.put("latestBlockHash", "cd".repeat(32));
    n.put("latestBlockTime", "2025-03-01T08:00:00.123Z");
    n.put("stateRoot", "ef".repeat(32));
    n.putObject("mempool").put("size", 2).put("bytes", 900).put("capacity", 10000);
    return n;
  }

  static ObjectNode receipt(boolean success) {
    ObjectNode r = JSON.createObjectNode();
    r.put("status", success ? "SUCCESS" : "FAILED");
    if (!success) {
      r.put("errorCode", "unauthorised");
      r.put("errorMessage", "key 'a' belongs to organisation 'org2'");
    }
    ArrayNode events = r.putArray("events");
    if (success) {
      events.addObject().put("name", "put").putObject("data").put("key", "a").put("version", 1);
      r.putObject("result").put("key", "a").put("version", 1);
    } else {
      r.putNull("result");
    }
    return r;
  }

  static ObjectNode included(Transaction tx, TestChain.TestBlock block, int index, boolean ok) {
    ObjectNode n = JSON.createObjectNode();
    n.put("txId", tx.txId().hex());
    n.put("status", ok ? "committed" : "failed");
    n.put("height", block.header().height());
    n.put("index", index);
    n.put("blockHash", "12".repeat(32));
    n.set("receipt", receipt(ok));
    return n;
  }

  static ObjectNode transactionView(Transaction tx) {
    ObjectNode n = JSON.createObjectNode();
    n.put("txId", tx.txId().hex());
    n.put("contract", tx.body().contract());
    n.put("method", tx.body().method());
    n.put("creatorOrg", tx.body().creatorOrg());
    n.put("timestamp", tx.body().timestamp().toString());
    n.put("chainId", tx.body().chainId());
    n.put("nonce", tx.body().nonce().hex());
    try {
      n.set("args", JSON.readTree(tx.body().args()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    n.put("encoded", Base64.getEncoder().encodeToString(tx.encoded()));
    return n;
  }

  static ObjectNode withProof(
      TestChain chain, Transaction tx, TestChain.TestBlock block, int index) {
    ObjectNode n = included(tx, block, index, true);
    n.set("transaction", transactionView(tx));
    n.set("proof", ProofJson.toJson(chain.proof(block, index)));
    return n;
  }

  static ObjectNode block(TestChain chain, TestChain.TestBlock b, java.util.List<Transaction> txs) {
    ObjectNode n = JSON.createObjectNode();
    n.put("height", b.header().height());
    n.put("hash", org.chancery.core.Bytes.of(chain.suite.hash(b.headerBytes())).hex());
    ObjectNode h = n.putObject("header");
    h.put("chainId", b.header().chainId());
    h.put("height", b.header().height());
    n.put("headerBytes", Base64.getEncoder().encodeToString(b.headerBytes()));
    ArrayNode list = n.putArray("transactions");
    for (Transaction tx : txs) {
      list.addObject()
          .put("txId", tx.txId().hex())
          .put("contract", tx.body().contract())
          .put("method", tx.body().method())
          .put("creatorOrg", tx.body().creatorOrg())
          .put("timestamp", tx.body().timestamp().toString());
    }
    CommitCertificate c = b.certificate();
    ObjectNode cert = n.putObject("certificate");
    cert.put("height", c.height());
    cert.put("round", c.round());
    cert.put("blockHash", c.blockHash().hex());
    ArrayNode sigs = cert.putArray("signatures");
    for (CommitCertificate.CommitSignature s : c.signatures()) {
      sigs.addObject().put("validator", s.validator()).put("signature", s.signature().hex());
    }
    return n;
  }
}
