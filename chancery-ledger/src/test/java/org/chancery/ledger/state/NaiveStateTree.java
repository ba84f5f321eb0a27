package org.chancery.ledger.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chancery.crypto.CryptoSuite;

/**
 * The state tree's definition written as directly as possible, for comparison: the root of a whole
 * key-value map, computed recursively over the sorted key hashes, with no storage and no
 * incremental updates. Uses only {@link CryptoSuite#hash}, not the production hashing code.
 */
final class NaiveStateTree {
  private final CryptoSuite suite;

  NaiveStateTree(CryptoSuite suite) {
    this.suite = suite;
  }

  /** The root of the tree holding exactly {@code entries}. */
  byte[] root(Map<StateKey, byte[]> entries) {
    return hash(sortedLeaves(entries), 0);
  }

  /** Number of nodes (leaves and internal nodes) in the tree holding exactly {@code entries}. */
  int nodeCount(Map<StateKey, byte[]> entries) {
    return count(sortedLeaves(entries), 0);
  }

  private List<byte[][]> sortedLeaves(Map<StateKey, byte[]> entries) {
    List<byte[][]> leaves = new ArrayList<>();
    for (Map.Entry<StateKey, byte[]> e : entries.entrySet()) {
      leaves.add(new byte[][] {suite.hash(e.getKey().encoded()), suite.hash(e.getValue())});
    }
    leaves.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    return leaves;
  }

  private byte[] hash(List<byte[][]> leaves, int depth) {
    if (leaves.isEmpty()) {
      return new byte[32];
    }
    if (leaves.size() == 1) {
      return suite.hash(concat(new byte[] {0}, leaves.get(0)[0], leaves.get(0)[1]));
    }
    int split = split(leaves, depth);
    byte[] left = hash(leaves.subList(0, split), depth + 1);
    byte[] right = hash(leaves.subList(split, leaves.size()), depth + 1);
    return suite.hash(concat(new byte[] {1}, left, right));
  }

  private int count(List<byte[][]> leaves, int depth) {
    if (leaves.size() <= 1) {
      return leaves.size();
    }
    int split = split(leaves, depth);
    return 1
        + count(leaves.subList(0, split), depth + 1)
        + count(leaves.subList(split, leaves.size()), depth + 1);
  }

  private static int split(List<byte[][]> leaves, int depth) {
    int split = 0;
    while (split < leaves.size()
        && ((leaves.get(split)[0][depth / 8] >> (7 - depth % 8)) & 1) == 0) {
      split++;
    }
    return split;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
