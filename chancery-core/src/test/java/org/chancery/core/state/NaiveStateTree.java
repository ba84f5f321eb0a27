package org.chancery.core.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * The state tree of a small map built from its definition, recursively over the sorted key hashes
 * with only {@link CryptoSuite#hash}: roots and proofs to test the verifier against, independent of
 * the node's implementation. Every key is in contract {@code licence}.
 */
final class NaiveStateTree {
  static final String CONTRACT = "licence";

  private final CryptoSuite suite;
  private final List<byte[][]> leaves = new ArrayList<>();

  NaiveStateTree(CryptoSuite suite, Map<String, String> entries) {
    this.suite = suite;
    entries.forEach((k, v) -> leaves.add(new byte[][] {keyHash(k), suite.hash(utf8(v))}));
    leaves.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
  }

  Bytes root() {
    return Bytes.of(hash(leaves, 0));
  }

  /** The proof for {@code key} at {@code height}, as a node would give it. */
  StateProof prove(String key, long height, Map<String, String> entries) {
    byte[] k = keyHash(key);
    List<byte[][]> under = leaves;
    List<Bytes> siblings = new ArrayList<>();
    int depth = 0;
    while (under.size() >= 2) {
      int split = split(under, depth);
      List<byte[][]> left = under.subList(0, split);
      List<byte[][]> right = under.subList(split, under.size());
      boolean goRight = ((k[depth / 8] >> (7 - depth % 8)) & 1) == 1;
      siblings.add(Bytes.of(hash(goRight ? left : right, depth + 1)));
      under = goRight ? right : left;
      depth++;
    }
    if (under.isEmpty()) {
      return new StateProof(CONTRACT, key, height, root(), null, null, null, siblings);
    }
    byte[][] leaf = under.get(0);
    if (Arrays.equals(leaf[0], k)) {
      return new StateProof(
          CONTRACT, key, height, root(), Bytes.of(utf8(entries.get(key))), null, null, siblings);
    }
    return new StateProof(
        CONTRACT, key, height, root(), null, Bytes.of(leaf[0]), Bytes.of(leaf[1]), siblings);
  }

  byte[] keyHash(String key) {
    byte[] c = utf8(CONTRACT);
    byte[] k = utf8(key);
    byte[] encoded = new byte[c.length + 1 + k.length];
    System.arraycopy(c, 0, encoded, 0, c.length);
    System.arraycopy(k, 0, encoded, c.length + 1, k.length);
    return suite.hash(encoded);
  }

  private byte[] hash(List<byte[][]> under, int depth) {
    if (under.isEmpty()) {
      return new byte[32];
    }
    if (under.size() == 1) {
      return suite.hash(concat(new byte[] {0}, under.get(0)[0], under.get(0)[1]));
    }
    int split = split(under, depth);
    return suite.hash(
        concat(
            new byte[] {1},
            hash(under.subList(0, split), depth + 1),
            hash(under.subList(split, under.size()), depth + 1)));
  }

  private static int split(List<byte[][]> under, int depth) {
    int split = 0;
    while (split < under.size() && ((under.get(split)[0][depth / 8] >> (7 - depth % 8)) & 1) == 0) {
      split++;
    }
    return split;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
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
