package org.chancery.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.chancery.core.Bytes;

/**
 * What a node says about a transaction: still {@link Pending pending}, or {@link Included included}
 * in a block with its receipt (status {@link TransactionStatus#COMMITTED committed} or {@link
 * TransactionStatus#FAILED failed}).
 *
 * <pre>{@code
 * switch (client.submitAndWait(tx, Duration.ofSeconds(10))) {
 *   case TransactionResult.Included in ->
 *       System.out.println("block " + in.height() + ": " + in.receipt().status());
 *   case TransactionResult.Pending p -> System.out.println("not yet: " + p.detail());
 * }
 * }</pre>
 */
public sealed interface TransactionResult {

  /** The transaction's id, {@code hash(body bytes)}. */
  Bytes txId();

  TransactionStatus status();

  /**
   * Admitted but not yet in a block.
   *
   * @param txId the transaction's id
   * @param detail why the answer is pending, for example a wait that timed out; empty otherwise
   */
  record Pending(Bytes txId, String detail) implements TransactionResult {
    @Override
    public TransactionStatus status() {
      return TransactionStatus.PENDING;
    }
  }

  /**
   * In a block.
   *
   * @param txId the transaction's id
   * @param status committed (receipt SUCCESS) or failed (receipt FAILED)
   * @param height the block's height
   * @param index the transaction's position in the block
   * @param blockHash the block's hash
   * @param receipt the outcome of executing it
   * @param transaction the transaction itself; present in answers to {@link
   *     ChanceryClient#transaction}, absent in answers to a submit
   * @param proof the inclusion proof (the JSON form of {@code ProofJson}), when asked for; verify
   *     it with {@link OfflineVerifier}
   */
  record Included(
      Bytes txId,
      TransactionStatus status,
      long height,
      int index,
      Bytes blockHash,
      TransactionReceipt receipt,
      Optional<TransactionView> transaction,
      Optional<JsonNode> proof)
      implements TransactionResult {}
}
