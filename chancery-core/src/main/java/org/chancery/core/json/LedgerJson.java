package org.chancery.core.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;

/**
 * The one JSON form of headers and commit certificates, shared by the node's API and the CLI so the
 * two can never disagree: camelCase keys, hashes as lowercase hex, times as RFC 3339 UTC.
 */
public final class LedgerJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LedgerJson() {}

  public static ObjectNode header(BlockHeader h) {
    ObjectNode n = NODES.objectNode();
    n.put("chainId", h.chainId());
    n.put("height", h.height());
    n.put("previousHash", h.previousHash().hex());
    n.put("timestamp", h.timestamp().toString());
    n.put("txRoot", h.txRoot().hex());
    n.put("receiptRoot", h.receiptRoot().hex());
    n.put("stateRoot", h.stateRoot().hex());
    n.put("validatorSetHash", h.validatorSetHash().hex());
    n.put("proposer", h.proposer());
    n.put("txCount", h.txCount());
    return n;
  }

  public static ObjectNode certificate(CommitCertificate c) {
    ObjectNode n = NODES.objectNode();
    n.put("height", c.height());
    n.put("round", c.round());
    n.put("blockHash", c.blockHash().hex());
    ArrayNode sigs = n.putArray("signatures");
    for (CommitCertificate.CommitSignature s : c.signatures()) {
      sigs.addObject().put("validator", s.validator()).put("signature", s.signature().hex());
    }
    return n;
  }
}
