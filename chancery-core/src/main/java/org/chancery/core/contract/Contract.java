package org.chancery.core.contract;

/**
 * A system contract: deterministic code that the execution engine calls by name for each
 * transaction addressed to it.
 *
 * <p>Contract rules, which every implementation must keep:
 *
 * <ul>
 *   <li><b>Deterministic.</b> The outcome depends only on the arguments and the {@link
 *       ContractContext}: never read the clock, random numbers, the file system, the network,
 *       system properties or mutable static state. Use {@link ContractContext#blockTime()} for
 *       time.
 *   <li><b>All or nothing.</b> Throwing {@link ContractException} fails the transaction: its
 *       receipt says FAILED with the exception's code and message, and none of its writes or events
 *       are kept. Any other exception is a bug in the contract; the engine fails the transaction
 *       with code {@code contract-error} and logs it.
 *   <li><b>Own namespace.</b> State access through the context is confined to the contract's own
 *       keys.
 * </ul>
 *
 * <pre>{@code
 * final class CounterContract implements Contract {
 *   public String name() { return "counter"; }
 *   public String invoke(ContractContext ctx, String method, String args) {
 *     long n = ctx.get("n").map(v -> Long.parseLong(new String(v))).orElse(0L) + 1;
 *     ctx.put("n", Long.toString(n).getBytes());
 *     return Long.toString(n);
 *   }
 * }
 * }</pre>
 */
public interface Contract {

  /** The name transactions address, for example {@code kv} or {@code evidence}. */
  String name();

  /**
   * Executes one call.
   *
   * @param method the method the transaction names
   * @param args the transaction's JSON arguments
   * @return a JSON result for the receipt, or null for none
   * @throws ContractException to fail the transaction with a stable code and a message
   */
  String invoke(ContractContext ctx, String method, String args);
}
