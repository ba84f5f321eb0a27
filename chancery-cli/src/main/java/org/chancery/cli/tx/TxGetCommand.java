package org.chancery.cli.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.cli.client.ResultJson;
import org.chancery.cli.client.ResultText;
import org.chancery.core.Bytes;
import org.chancery.core.block.Receipt;
import org.chancery.core.proof.InvalidProofException;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.OfflineVerifier;
import org.chancery.sdk.ProvenTransaction;
import org.chancery.sdk.TransactionResult;
import org.chancery.sdk.TransactionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chancery tx get}: a transaction's status, block and receipt; with {@code --proof} its
 * inclusion proof, and with {@code --verify-with GENESIS} that proof checked offline against the
 * chain's genesis, trusting nothing the node says.
 */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Show a transaction: pending, or its block and receipt; optionally prove it offline.",
      "",
      "Exit codes: 0 pending or committed (and, with --verify-with, verified); 1 unknown to the"
          + " node, failed in execution, or the proof does not verify; 2 usage error.",
      "",
      "Examples:",
      "  chancery tx get --node http://127.0.0.1:7200 TXID",
      "  chancery tx get --node http://127.0.0.1:7200 TXID \\",
      "      --verify-with /tmp/net/genesis.json"
    })
public final class TxGetCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "TXID", description = "Transaction id (64 hex digits).")
  String txId;

  @Option(names = "--proof", description = "Include the inclusion proof (print it with --json).")
  boolean proof;

  @Option(
      names = "--verify-with",
      paramLabel = "GENESIS",
      description = "Verify the proof offline against this genesis.json (implies --proof).")
  Path genesis;

  @Override
  public Integer call() {
    Bytes id;
    try {
      id = ChanceryClient.parseTxId(txId);
    } catch (IllegalArgumentException e) {
      throw node.usage("TXID: " + e.getMessage());
    }
    node.nodeUrl();
    OfflineVerifier verifier = genesis == null ? null : node.offlineVerifier(genesis);
    TransactionResult result;
    try (ChanceryClient client = node.connect()) {
      result = client.transaction(id, proof || verifier != null);
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
    ObjectNode json = ResultJson.transaction(result);
    String failure = null;
    ProvenTransaction proven = null;
    if (verifier != null) {
      try {
        proven = verify(verifier, id, result);
        json.set("verification", ResultJson.verified(genesis.toString(), proven));
      } catch (InvalidProofException e) {
        failure = e.getMessage();
        json.set("verification", ResultJson.notVerified(genesis.toString(), failure));
      }
    }
    ProvenTransaction shown = proven;
    node.print(
        json,
        () -> {
          ResultText.transaction(node.out(), result);
          if (result instanceof TransactionResult.Included in
              && in.proof().isPresent()
              && verifier == null) {
            ResultText.line(
                node.out(), "proof", "included; save it with --json, check it with --verify-with");
          }
          if (shown != null) {
            node.out().println();
            ResultText.verified(node.out(), genesis.toString(), shown);
          }
        });
    if (failure != null) {
      return node.failed("not verified against " + genesis + ": " + failure);
    }
    if (result.status() == TransactionStatus.FAILED) {
      TransactionResult.Included in = (TransactionResult.Included) result;
      return node.failed(
          "transaction failed: " + in.receipt().errorCode() + ": " + in.receipt().errorMessage());
    }
    return 0;
  }

  /**
   * Verifies the proof and that the node's own claims (block, position, outcome) agree with what
   * the proof establishes: a node must not be able to show one thing and prove another.
   */
  private static ProvenTransaction verify(
      OfflineVerifier verifier, Bytes id, TransactionResult result) {
    if (!(result instanceof TransactionResult.Included in)) {
      throw new InvalidProofException(
          "the transaction is still pending; there is no block to prove it in yet");
    }
    ProvenTransaction p =
        verifier.verifyTransaction(
            in.proof().orElseThrow(() -> new InvalidProofException("the node returned no proof")),
            id);
    boolean succeeded = p.status() == Receipt.Status.SUCCESS;
    if (p.height() != in.height()
        || p.index() != in.index()
        || !p.blockHash().equals(in.blockHash())
        || succeeded != (in.status() == TransactionStatus.COMMITTED)
        || p.status() != in.receipt().status()) {
      throw new InvalidProofException(
          "the node says block "
              + in.height()
              + " index "
              + in.index()
              + " ("
              + in.status().wireName()
              + ") but the proof shows block "
              + p.height()
              + " index "
              + p.index()
              + " ("
              + p.status()
              + ")");
    }
    return p;
  }
}
