package org.chancery.core.merkle;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.chancery.crypto.CryptoSuite;

/**
 * A reference written straight from the recursive definitions of RFC 9162 sections 2.1.1 and
 * 2.1.3.1, with no sharing of work: slow, and obviously right. {@link MerkleTree} builds its levels
 * bottom-up instead; the tests compare the two.
 */
final class NaiveMerkle {

  private NaiveMerkle() {}

  /** MTH(D[n]). */
  static byte[] root(CryptoSuite suite, List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return suite.hash(new byte[0]);
    }
    return rootOfNodes(suite, leafHashes(suite, leaves));
  }

  /** PATH(m, D[n]). */
  static List<byte[]> path(CryptoSuite suite, List<byte[]> leaves, int m) {
    return pathOfNodes(suite, leafHashes(suite, leaves), m);
  }

  /** The root of a non-empty list of subtree hashes, combined as MTH combines leaves. */
  static byte[] rootOfNodes(CryptoSuite suite, List<byte[]> nodes) {
    int n = nodes.size();
    if (n == 1) {
      return nodes.get(0);
    }
    int k = largestPowerOfTwoBelow(n);
    return suite.hash(
        concat(
            new byte[] {0x01},
            rootOfNodes(suite, nodes.subList(0, k)),
            rootOfNodes(suite, nodes.subList(k, n))));
  }

  /** The audit path of node m in a list of subtree hashes, combined as MTH combines leaves. */
  static List<byte[]> pathOfNodes(CryptoSuite suite, List<byte[]> nodes, int m) {
    int n = nodes.size();
    List<byte[]> path = new ArrayList<>();
    if (n == 1) {
      return path;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path.addAll(pathOfNodes(suite, nodes.subList(0, k), m));
      path.add(rootOfNodes(suite, nodes.subList(k, n)));
    } else {
      path.addAll(pathOfNodes(suite, nodes.subList(k, n), m - k));
      path.add(rootOfNodes(suite, nodes.subList(0, k)));
    }
    return path;
  }

  private static List<byte[]> leafHashes(CryptoSuite suite, List<byte[]> leaves) {
    return leaves.stream().map(d -> suite.hash(concat(new byte[] {0x00}, d))).toList();
  }

  /**
   * The shape of PATH(m, D[n]): for each hash from the bottom, whether the sibling is on the left.
   * Two proofs of the same shape are checked by the same sequence of hash operations.
   */
  static List<Boolean> shape(long m, long n) {
    List<Boolean> shape = new ArrayList<>();
    if (n == 1) {
      return shape;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      shape.addAll(shape(m, k));
      shape.add(false);
    } else {
      shape.addAll(shape(m - k, n - k));
      shape.add(true);
    }
    return shape;
  }

  static int largestPowerOfTwoBelow(int n) {
    return (int) largestPowerOfTwoBelow((long) n);
  }

  static long largestPowerOfTwoBelow(long n) {
    long k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
