package org.chancery.sdk;

import java.time.Instant;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.Receipt;
import org.chancery.core.tx.Transaction;

/**
 * What {@link OfflineVerifier} established from a transaction proof and the genesis alone: this
 * transaction, signed by the member its certificate names, is at {@code index} in the block at
 * {@code height}, which the genesis validators finalised, and executing it gave {@code receipt}.
 *
 * <pre>{@code
 * ProvenTransaction p = verifier.verifyTransaction(proofJson);
 * System.out.printf("%s by %s of %s in block %d at %s: %s%n",
 *     p.txId(), p.creatorName(), p.creatorOrg(), p.height(), p.blockTime(), p.status());
 * }</pre>
 *
 * @param chainId the chain
 * @param txId the transaction's id
 * @param height the height of its block
 * @param blockHash the block's hash
 * @param blockTime the block's time
 * @param index its position in the block
 * @param status whether it executed successfully
 * @param creatorName the CN of the certificate that signed it
 * @param certifiedBy the validators whose precommit signatures finalised the block
 * @param transaction the transaction
 * @param receipt its receipt
 * @param header the block's header
 */
public record ProvenTransaction(
    String chainId,
    Bytes txId,
    long height,
    Bytes blockHash,
    Instant blockTime,
    long index,
    Receipt.Status status,
    String creatorName,
    List<String> certifiedBy,
    Transaction transaction,
    Receipt receipt,
    BlockHeader header) {

  public ProvenTransaction {
    certifiedBy = List.copyOf(certifiedBy);
  }

  /** The contract it called. */
  public String contract() {
    return transaction.body().contract();
  }

  /** The method it called. */
  public String method() {
    return transaction.body().method();
  }

  /** The organisation of the member who signed it. */
  public String creatorOrg() {
    return transaction.body().creatorOrg();
  }
}
