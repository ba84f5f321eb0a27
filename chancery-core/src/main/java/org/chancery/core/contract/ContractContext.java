package org.chancery.core.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chancery.core.Bytes;

/**
 * What a contract may see and do while executing one transaction. Reads see the state as left by
 * the previous transactions of the block and this transaction's own writes; writes and events are
 * buffered and kept only if the transaction succeeds. Keys are UTF-8 strings in the contract's own
 * namespace.
 */
public interface ContractContext {

  /** Who signed the transaction. */
  Sender sender();

  /** The transaction's id. */
  Bytes txId();

  /** Height of the block being executed. */
  long blockHeight();

  /** Time of the block being executed, the only clock a contract may use. */
  Instant blockTime();

  /**
   * The name of the chain's crypto suite ({@code sm} or {@code nist}, fixed by the genesis), so a
   * contract can hash with the chain's hash and check digest lengths: {@code
   * CryptoSuite.byName(ctx.suite()).hash(bytes)}, {@code .hashLength()}. For hashing only: never
   * generate keys, nonces or anything random with the suite, since every node must compute the same
   * result.
   */
  String suite();

  /** The value under {@code key}, if any. */
  Optional<byte[]> get(String key);

  /**
   * Sets {@code key} to {@code value}.
   *
   * @throws ContractException with code {@code limit-exceeded} if the key or value is too large or
   *     the transaction writes too much
   */
  void put(String key, byte[] value);

  /** Removes {@code key}; removing an absent key is not an error. */
  void delete(String key);

  /**
   * Entries with {@code fromInclusive <= key < toExclusive} in key order (UTF-8 byte order), at
   * most {@code limit}; {@code toExclusive} null means no upper bound.
   */
  List<StateEntry> range(String fromInclusive, String toExclusive, int limit);

  /**
   * Records an event in the receipt.
   *
   * @param name event name
   * @param jsonData a JSON document
   * @throws ContractException with code {@code limit-exceeded} if the events are too large
   */
  void emit(String name, String jsonData);

  /**
   * One state entry.
   *
   * @param key the key
   * @param value its value
   */
  record StateEntry(String key, byte[] value) {}
}
