package org.chancery.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.Receipt;
import org.chancery.core.merkle.MerkleTree;
import org.chancery.core.proof.CertifiedStateProof;
import org.chancery.core.proof.ProofJson;
import org.chancery.core.proof.TransactionProof;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.state.HistoricalStateUnavailableException;
import org.chancery.ledger.state.StateKey;

/** Builds the proofs the API returns; each verifies offline with the SDK and the genesis. */
final class Proofs {
  private Proofs() {}

  static ObjectNode transaction(Ledger ledger, Block block, int index) {
    List<Receipt> receipts = ledger.blocks().receipts(block.height(), block.transactions().size());
    List<byte[]> receiptLeaves = receipts.stream().map(Receipt::encode).toList();
    TransactionProof proof =
        new TransactionProof(
            Bytes.of(block.headerBytes()),
            Bytes.of(ledger.blocks().certificate(block.height()).orElseThrow().encode()),
            Bytes.of(block.transactions().get(index).encoded()),
            Bytes.of(receiptLeaves.get(index)),
            MerkleTree.of(ledger.suite(), block.transactionLeaves()).proof(index),
            MerkleTree.of(ledger.suite(), receiptLeaves).proof(index));
    return ProofJson.toJson(proof);
  }

  /** A proof of {@code key} at {@code height}, anchored in that block's certified header. */
  static ObjectNode state(Ledger ledger, StateKey key, long height) {
    if (height < 1) {
      throw new ApiException(
          404,
          "unknown-block",
          "no block has been committed yet, so there is no certified state to prove against");
    }
    try {
      return ProofJson.toJson(
          new CertifiedStateProof(
              Bytes.of(ledger.blocks().block(height).orElseThrow().headerBytes()),
              Bytes.of(ledger.blocks().certificate(height).orElseThrow().encode()),
              ledger.state().prove(key, height)));
    } catch (HistoricalStateUnavailableException e) {
      throw new ApiException(404, "state-pruned", e.getMessage());
    }
  }
}
