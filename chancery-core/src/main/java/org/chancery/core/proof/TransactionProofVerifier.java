package org.chancery.core.proof;

import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.MalformedBlockException;
import org.chancery.core.block.Receipt;
import org.chancery.core.block.ValidatorSet;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.merkle.MerkleProofVerifier;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;

/**
 * Checks a {@link TransactionProof} with nothing but the chain's genesis: the header is certified
 * by a quorum of the genesis validators, and the transaction and its receipt are in that block.
 *
 * <pre>{@code
 * VerifiedTransaction v = TransactionProofVerifier.forGenesis(genesis).verify(proof);
 * System.out.println(v.header().timestamp() + " " + v.receipt().status());
 * }</pre>
 */
public final class TransactionProofVerifier {
  private final CryptoSuite suite;
  private final String chainId;
  private final ValidatorSet validators;

  public TransactionProofVerifier(CryptoSuite suite, String chainId, ValidatorSet validators) {
    this.suite = suite;
    this.chainId = chainId;
    this.validators = validators;
  }

  /** A verifier for the chain described by {@code genesis}. */
  public static TransactionProofVerifier forGenesis(Genesis genesis) {
    return new TransactionProofVerifier(
        CryptoSuite.byName(genesis.suite()), genesis.chainId(), genesis.validatorSet());
  }

  /**
   * Verifies the proof.
   *
   * @throws InvalidProofException naming the first check that failed
   */
  public VerifiedTransaction verify(TransactionProof proof) {
    BlockHeader header =
        new CertifiedHeaders(suite, chainId, validators)
            .verify(proof.header(), proof.certificate());
    Transaction tx;
    Receipt receipt;
    try {
      tx = Transaction.decode(proof.transaction().toArray(), suite);
      receipt = Receipt.decode(proof.receipt().toArray());
    } catch (MalformedBlockException | InvalidTransactionException e) {
      throw new InvalidProofException("proof holds undecodable data: " + e.getMessage(), e);
    }
    if (proof.txProof().treeSize() != header.txCount()
        || proof.receiptProof().treeSize() != header.txCount()) {
      throw new InvalidProofException(
          "proof claims a block of "
              + proof.txProof().treeSize()
              + " transactions, the header "
              + header.txCount());
    }
    if (!MerkleProofVerifier.verifyInclusion(
        suite, header.txRoot().toArray(), proof.transaction().toArray(), proof.txProof())) {
      throw new InvalidProofException("transaction is not in the block's tx root");
    }
    if (proof.receiptProof().index() != proof.txProof().index()) {
      throw new InvalidProofException("receipt and transaction are at different positions");
    }
    if (!MerkleProofVerifier.verifyInclusion(
        suite, header.receiptRoot().toArray(), proof.receipt().toArray(), proof.receiptProof())) {
      throw new InvalidProofException("receipt is not in the block's receipt root");
    }
    if (!receipt.txId().equals(tx.txId())) {
      throw new InvalidProofException("receipt belongs to another transaction");
    }
    return new VerifiedTransaction(tx, receipt, header, proof.txProof().index());
  }
}
