package org.chancery.node.bft;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.Transaction;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.ProposedBlock;
import org.chancery.ledger.mempool.Mempool;
import org.chancery.ledger.mempool.TransactionAdmission;

/**
 * Order-then-execute: decides whether a validator may prevote for a proposed block. The block must
 * extend this node's chain, name its proposer, carry a time later than its parent's and not further
 * ahead of this node's clock than the genesis allows, stay within the block limits, and hold only
 * well-formed, correctly signed, unexpired member transactions that are neither committed nor
 * repeated; then executing it here must give exactly its header (transaction, receipt and state
 * roots included). A transaction that fails execution is not a reason: it has a FAILED receipt in
 * both executions.
 *
 * <p>Called on the consensus thread only, since it executes against the ledger's state.
 */
public final class BlockValidator {
  private final Ledger ledger;
  private final TransactionAdmission admission;
  private final Mempool mempool;
  private final ConsensusParameters params;
  private final Bytes validatorSetHash;
  private final Duration validityWindow;
  private final Clock clock;

  public BlockValidator(
      Ledger ledger,
      TransactionAdmission admission,
      Mempool mempool,
      ConsensusParameters params,
      Bytes validatorSetHash,
      Duration validityWindow,
      Clock clock) {
    this.ledger = ledger;
    this.admission = admission;
    this.mempool = mempool;
    this.params = params;
    this.validatorSetHash = validatorSetHash;
    this.validityWindow = validityWindow;
    this.clock = clock;
  }

  /**
   * Checks {@code block} as the next block of this chain; {@code proposer} is the validator that
   * must have built it (the proposer of the round it was first proposed in).
   */
  BlockCheck check(Block block, String proposer) {
    BlockHeader h = block.header();
    BlockCheck linkage = linkage(block);
    if (linkage != null) {
      return linkage;
    }
    if (!h.proposer().equals(proposer)) {
      return BlockCheck.invalid(
          "wrong-proposer",
          "block names proposer '" + h.proposer() + "' but must be built by '" + proposer + "'");
    }
    Instant latest = clock.instant().plusMillis(params.maxClockDriftMs());
    if (h.timestamp().isAfter(latest)) {
      return BlockCheck.invalid(
          "timestamp-too-far-ahead",
          "block time "
              + h.timestamp()
              + " is more than "
              + params.maxClockDriftMs()
              + " ms ahead of this node's clock");
    }
    if (block.transactions().size() > params.maxBlockTxs()) {
      return BlockCheck.invalid(
          "too-many-transactions",
          block.transactions().size() + " transactions; the limit is " + params.maxBlockTxs());
    }
    long bytes = 0;
    Set<Bytes> ids = new HashSet<>();
    for (Transaction tx : block.transactions()) {
      bytes += tx.size();
      if (!ids.add(tx.txId())) {
        return BlockCheck.invalid(
            "duplicate-transaction", "transaction " + tx.txId().hex() + " appears twice");
      }
      String problem = transactionProblem(tx, h.timestamp());
      if (problem != null) {
        return BlockCheck.invalid("invalid-transaction", problem);
      }
    }
    if (bytes > params.maxBlockBytes()) {
      return BlockCheck.invalid(
          "block-too-large",
          "transactions take " + bytes + " bytes; the limit is " + params.maxBlockBytes());
    }
    return execute(block);
  }

  /**
   * Checks a block that a commit certificate already finalised (block sync): it must extend this
   * chain, and executing it here must give exactly its header. Its transactions were checked by the
   * validators that certified it.
   */
  BlockCheck replay(Block block) {
    BlockCheck linkage = linkage(block);
    return linkage != null ? linkage : execute(block);
  }

  private BlockCheck linkage(Block block) {
    BlockHeader h = block.header();
    long next = ledger.height() + 1;
    if (h.height() != next) {
      return BlockCheck.invalid(
          "wrong-height", "block is at height " + h.height() + ", the next height is " + next);
    }
    if (!h.chainId().equals(ledger.chainId())) {
      return BlockCheck.invalid("wrong-chain", "block is for chain '" + h.chainId() + "'");
    }
    if (!h.previousHash().equals(ledger.lastHash())) {
      return BlockCheck.invalid(
          "wrong-parent",
          "block extends " + h.previousHash().hex() + ", the chain ends at " + ledger.lastHash());
    }
    if (!h.validatorSetHash().equals(validatorSetHash)) {
      return BlockCheck.invalid(
          "wrong-validator-set", "block names validator set " + h.validatorSetHash().hex());
    }
    Instant parentTime = ledger.lastTime();
    if (!h.timestamp().isAfter(parentTime)) {
      return BlockCheck.invalid(
          "timestamp-not-after-parent",
          "block time " + h.timestamp() + " is not after its parent's " + parentTime);
    }
    return null;
  }

  private BlockCheck execute(Block block) {
    BlockHeader h = block.header();
    ProposedBlock mine = ledger.propose(block.transactions(), h.timestamp(), h.proposer());
    BlockHeader own = mine.block().header();
    if (!own.txRoot().equals(h.txRoot())) {
      return BlockCheck.invalid("tx-root-mismatch", "transaction root differs from execution");
    }
    if (!own.receiptRoot().equals(h.receiptRoot())) {
      return BlockCheck.invalid(
          "receipt-root-mismatch", "receipt root differs from this node's execution");
    }
    if (!own.stateRoot().equals(h.stateRoot())) {
      return BlockCheck.invalid(
          "state-root-mismatch",
          "state root "
              + h.stateRoot().hex()
              + " differs from this node's execution "
              + own.stateRoot().hex());
    }
    if (!mine.block().hash().equals(block.hash())) {
      return BlockCheck.invalid("header-mismatch", "header differs from this node's execution");
    }
    return BlockCheck.valid(mine);
  }

  private String transactionProblem(Transaction tx, Instant blockTime) {
    // A transaction this node admitted was checked in full then (signature included); the
    // admission rules at the block's time still apply, but its signature need not be verified
    // again.
    boolean admittedHere = mempool.contains(tx.txId());
    if (!admittedHere) {
      try {
        admission.checkStateless(tx, blockTime);
      } catch (InvalidTransactionException e) {
        return "transaction " + tx.txId().hex() + ": " + e.code() + ": " + e.getMessage();
      } catch (RuntimeException e) {
        return "transaction " + tx.txId().hex() + ": " + e.getMessage();
      }
    } else {
      Duration age = Duration.between(tx.body().timestamp(), blockTime).abs();
      if (age.compareTo(validityWindow) > 0) {
        return "transaction " + tx.txId().hex() + " is outside the validity window at block time";
      }
    }
    if (ledger.blocks().locate(tx.txId()).isPresent()) {
      return "transaction " + tx.txId().hex() + " is already committed";
    }
    return null;
  }
}
