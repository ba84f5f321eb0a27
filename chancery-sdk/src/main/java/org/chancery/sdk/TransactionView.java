package org.chancery.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;

/**
 * A committed transaction as the API shows it, with its exact encoded bytes.
 *
 * <pre>{@code
 * TransactionView view = included.transaction().orElseThrow();
 * Transaction tx = view.decode(CryptoSuite.byName("sm"));
 * }</pre>
 *
 * @param txId its id
 * @param chainId the chain it is for
 * @param contract the contract called
 * @param method the method called
 * @param creatorOrg the creator's organisation
 * @param timestamp the creator's timestamp
 * @param nonce its random nonce
 * @param args its arguments
 * @param encoded the encoded {@code Transaction} message, as signed and stored
 */
public record TransactionView(
    Bytes txId,
    String chainId,
    String contract,
    String method,
    String creatorOrg,
    Instant timestamp,
    Bytes nonce,
    JsonNode args,
    Bytes encoded) {

  /**
   * Decodes {@link #encoded()}.
   *
   * @throws org.chancery.core.tx.InvalidTransactionException if the bytes are not a transaction
   */
  public Transaction decode(CryptoSuite suite) {
    return Transaction.decode(encoded.toArray(), suite);
  }
}
