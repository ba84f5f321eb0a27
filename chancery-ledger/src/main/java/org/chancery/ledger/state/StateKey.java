package org.chancery.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key of the world state: a contract's name and a key in its namespace. Ordered by contract, then
 * by the key's UTF-8 bytes, which is also the order of {@link #encoded()}. Immutable; the encoding
 * is computed once, since blocks sort and hash keys many times.
 */
public final class StateKey implements Comparable<StateKey> {
  private final String contract;
  private final String key;
  private final byte[] encoded;

  /**
   * @param contract the contract that owns the key
   * @param key the key within the contract's namespace
   */
  public StateKey(String contract, String key) {
    if (contract.isEmpty() || contract.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("contract name must be non-empty and contain no NUL");
    }
    this.contract = contract;
    this.key = key;
    byte[] c = contract.getBytes(StandardCharsets.UTF_8);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    this.encoded = new byte[c.length + 1 + k.length];
    System.arraycopy(c, 0, encoded, 0, c.length);
    System.arraycopy(k, 0, encoded, c.length + 1, k.length);
  }

  /** The contract that owns the key. */
  public String contract() {
    return contract;
  }

  /** The key within the contract's namespace. */
  public String key() {
    return key;
  }

  /** {@code contract UTF-8 || 0x00 || key UTF-8}: the flat-state key and the input to hashing. */
  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public int compareTo(StateKey other) {
    return Arrays.compareUnsigned(encoded, other.encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return contract + "/" + key;
  }
}
