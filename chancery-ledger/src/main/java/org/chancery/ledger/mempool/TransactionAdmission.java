package org.chancery.ledger.mempool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.pki.MemberIdentity;

/**
 * Decides whether a submitted transaction may enter the mempool. Checks run cheapest first: size,
 * decoding, chain id, validity window, contract, creator certificate (cached), signature over the
 * exact body bytes, replay. Each rejection is an {@link InvalidTransactionException} with a stable
 * code. Thread-safe; signature checks of concurrent submissions run in parallel.
 *
 * <pre>{@code
 * Transaction tx = admission.admit(encodedBytes); // throws InvalidTransactionException
 * }</pre>
 */
public final class TransactionAdmission {
  private final CryptoSuite suite;
  private final AdmissionRules rules;
  private final MemberCertificates members;
  private final Set<String> contracts;
  private final CommittedTransactions committed;
  private final Clock clock;

  public TransactionAdmission(
      CryptoSuite suite,
      AdmissionRules rules,
      MemberCertificates members,
      Set<String> contracts,
      CommittedTransactions committed,
      Clock clock) {
    this.suite = suite;
    this.rules = rules;
    this.members = members;
    this.contracts = Set.copyOf(contracts);
    this.committed = committed;
    this.clock = clock;
  }

  /**
   * Checks an encoded transaction.
   *
   * @return the decoded transaction, ready for the mempool
   * @throws InvalidTransactionException naming the first rule it breaks
   */
  public Transaction admit(byte[] encoded) {
    Transaction tx = decode(encoded);
    check(tx);
    return tx;
  }

  /**
   * The first half of {@link #admit}: size and structure only, so that a caller admitting many
   * transactions can name each rejected one by its id.
   *
   * @throws InvalidTransactionException {@code too-large}, {@code malformed-transaction} or {@code
   *     unsigned}
   */
  public Transaction decode(byte[] encoded) {
    if (encoded.length > rules.maxTxBytes()) {
      throw new InvalidTransactionException(
          "too-large",
          "transaction is " + encoded.length + " bytes; the limit is " + rules.maxTxBytes());
    }
    if (encoded.length == 0) {
      throw new InvalidTransactionException("malformed-transaction", "transaction is empty");
    }
    return Transaction.decode(encoded, suite);
  }

  /**
   * The second half of {@link #admit}: every rule on a decoded transaction, at this node's clock.
   *
   * @throws InvalidTransactionException naming the first rule it breaks
   */
  public void check(Transaction tx) {
    checkStateless(tx, clock.instant());
    if (committed.isCommitted(tx.txId())) {
      throw new InvalidTransactionException(
          "replayed", "transaction " + tx.txId().hex() + " is already committed");
    }
  }

  /**
   * The checks that need no knowledge of other transactions: chain, time window, contract, creator
   * and signature. Block validation reuses them at the block's time.
   */
  public MemberIdentity checkStateless(Transaction tx, Instant now) {
    if (!tx.body().chainId().equals(rules.chainId())) {
      throw new InvalidTransactionException(
          "wrong-chain",
          "transaction is for chain '"
              + tx.body().chainId()
              + "', this is '"
              + rules.chainId()
              + "'");
    }
    Duration skew = Duration.between(now, tx.body().timestamp());
    if (skew.compareTo(rules.validityWindow()) > 0) {
      throw new InvalidTransactionException(
          "timestamp-in-future",
          "transaction timestamp "
              + tx.body().timestamp()
              + " is more than "
              + rules.validityWindow().toSeconds()
              + " s ahead of this node's clock ("
              + now
              + ")");
    }
    if (skew.negated().compareTo(rules.validityWindow()) > 0) {
      throw new InvalidTransactionException(
          "expired",
          "transaction timestamp "
              + tx.body().timestamp()
              + " is more than "
              + rules.validityWindow().toSeconds()
              + " s old; sign it again with a fresh"
              + " timestamp");
    }
    if (!contracts.contains(tx.body().contract())) {
      throw new InvalidTransactionException(
          "unknown-contract",
          "no contract named '"
              + tx.body().contract()
              + "'; installed: "
              + contracts.stream().sorted().toList());
    }
    MemberIdentity creator =
        members.validate(tx.body().creatorCertificate(), now, rules.submitterRoles());
    if (!creator.organisation().equals(tx.body().creatorOrg())) {
      throw new InvalidTransactionException(
          "unknown-member",
          "transaction names organisation '"
              + tx.body().creatorOrg()
              + "' but its certificate"
              + " is from '"
              + creator.organisation()
              + "'");
    }
    if (!tx.signatureValid(suite, creator.publicKey())) {
      throw new InvalidTransactionException(
          "bad-signature",
          "signature does not verify over the transaction body with the creator's certificate"
              + " key");
    }
    return creator;
  }
}
