package org.chancery.ledger.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key of the world state: a contract's name and a key in its namespace. Ordered by contract, then
 * by the key's UTF-8 bytes, which is also the order of {@link #encoded()}.
 *
 * @param contract the contract that owns the key
 * @param key the key within the contract's namespace
 */
public record StateKey(String contract, String key) implements Comparable<StateKey> {

  public StateKey {
    if (contract.isEmpty() || contract.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("contract name must be non-empty and contain no NUL");
    }
  }

  /** {@code contract UTF-8 || 0x00 || key UTF-8}: the flat-state key and the input to hashing. */
  public byte[] encoded() {
    byte[] c = contract.getBytes(StandardCharsets.UTF_8);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[c.length + 1 + k.length];
    System.arraycopy(c, 0, out, 0, c.length);
    System.arraycopy(k, 0, out, c.length + 1, k.length);
    return out;
  }

  @Override
  public int compareTo(StateKey other) {
    return Arrays.compareUnsigned(encoded(), other.encoded());
  }
}
