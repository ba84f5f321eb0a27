package org.chancery.ledger.exec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chancery.core.block.Receipt;
import org.chancery.core.contract.Contract;
import org.chancery.core.contract.ContractException;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.state.StateChanges;
import org.chancery.ledger.state.StateReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a block's transactions in order against the world state, deterministically: each
 * transaction is dispatched to the system contract it names, sees the state left by the previous
 * ones, and either succeeds (its writes and events are kept) or fails (a FAILED receipt, nothing
 * kept). Reads no clock, randomness or I/O besides the state.
 *
 * <pre>{@code
 * ExecutionEngine engine =
 *     new ExecutionEngine(suite, List.of(new KvContract()), limits, senders);
 * BlockExecution result = engine.execute(state, height, blockTime, transactions);
 * }</pre>
 */
public final class ExecutionEngine {
  private static final Logger log = LoggerFactory.getLogger(ExecutionEngine.class);

  private final String suite;
  private final Map<String, Contract> contracts;
  private final ExecutionLimits limits;
  private final SenderResolver senders;

  /**
   * @param suite the chain's crypto suite, which contracts hash with ({@link
   *     org.chancery.core.contract.ContractContext#suite()})
   */
  public ExecutionEngine(
      CryptoSuite suite, List<Contract> contracts, ExecutionLimits limits, SenderResolver senders) {
    this.suite = suite.name();
    java.util.LinkedHashMap<String, Contract> byName = new java.util.LinkedHashMap<>();
    for (Contract c : contracts) {
      if (byName.putIfAbsent(c.name(), c) != null) {
        throw new IllegalArgumentException("two contracts are named '" + c.name() + "'");
      }
    }
    this.contracts = Map.copyOf(byName);
    this.limits = limits;
    this.senders = senders;
  }

  /** Whether a contract of this name is installed. */
  public boolean hasContract(String name) {
    return contracts.containsKey(name);
  }

  /** Names of the installed contracts. */
  public java.util.Set<String> contractNames() {
    return contracts.keySet();
  }

  /**
   * Executes {@code transactions} as block {@code height} at {@code blockTime} on the state version
   * {@code state}.
   */
  public BlockExecution execute(
      StateReader state, long height, Instant blockTime, List<Transaction> transactions) {
    StateChanges block = new StateChanges();
    List<Receipt> receipts = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      receipts.add(executeOne(state, block, height, blockTime, tx));
    }
    return new BlockExecution(receipts, block);
  }

  private Receipt executeOne(
      StateReader state, StateChanges block, long height, Instant time, Transaction tx) {
    String name = tx.body().contract();
    Contract contract = contracts.get(name);
    if (contract == null) {
      return Receipt.failed(tx.txId(), "unknown-contract", "no contract named '" + name + "'");
    }
    TransactionContext ctx =
        new TransactionContext(
            state, block, name, suite, senders.resolve(tx), tx.txId(), height, time, limits);
    try {
      String result = contract.invoke(ctx, tx.body().method(), tx.body().args());
      block.putAll(ctx.writes());
      return Receipt.success(tx.txId(), ctx.events(), result);
    } catch (ContractException e) {
      return Receipt.failed(tx.txId(), e.code(), e.getMessage());
    } catch (RuntimeException e) {
      // A contract bug: the transaction fails deterministically on every node, and the operator
      // sees why.
      log.warn("contract {} threw on tx {}", name, tx.txId().hex(), e);
      return Receipt.failed(
          tx.txId(),
          "contract-error",
          "contract '" + name + "' failed: " + e.getClass().getSimpleName());
    }
  }
}
