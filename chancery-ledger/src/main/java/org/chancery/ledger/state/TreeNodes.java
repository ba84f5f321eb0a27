package org.chancery.ledger.state;

import java.util.Arrays;
import org.chancery.core.state.StateTreeHashing;
import org.chancery.ledger.store.StorageException;

/**
 * The stored layout of the state tree: node keys, node records and root records (see {@link
 * org.chancery.ledger.store.Column#STATE_NODES}). Nodes are immutable; a version that changes a
 * node writes a new one under its own height.
 *
 * <pre>
 * node key     = version (u64 BE) || depth (u16 BE) || first depth bits of the path, ceil(depth/8)
 *                bytes, unused low bits zero
 * leaf         = 0x01 || keyHash (32) || valueHash (32) || value
 * internal     = 0x02 || left child ref || right child ref
 * child ref    = kind (u8: 0 empty, 1 leaf, 2 internal) || version (u64 BE) || hash (32)
 * root record  = child ref of the root (41 bytes)
 * </pre>
 *
 * A child ref's version is the height that wrote the child; with the child's depth and path it
 * forms the child's node key. An empty child has version 0 and the empty hash.
 */
final class TreeNodes {
  static final byte EMPTY = 0;
  static final byte LEAF = 1;
  static final byte INTERNAL = 2;

  static final int HASH = StateTreeHashing.HASH_LENGTH;
  static final int REF_LENGTH = 1 + 8 + HASH;

  private TreeNodes() {}

  /** A pointer to a stored node: its kind, the version that wrote it, its hash. */
  record Ref(byte kind, long version, byte[] hash) {
    static final Ref EMPTY_REF = new Ref(EMPTY, 0, StateTreeHashing.emptyHash().toArray());

    boolean sameAs(Ref other) {
      return kind == other.kind && version == other.version && Arrays.equals(hash, other.hash);
    }
  }

  /** A decoded leaf. */
  record Leaf(byte[] keyHash, byte[] valueHash, byte[] value) {}

  /** A decoded internal node. */
  record Internal(Ref left, Ref right) {
    Ref child(int bit) {
      return bit == 0 ? left : right;
    }
  }

  static byte[] nodeKey(long version, int depth, byte[] path) {
    int pathBytes = (depth + 7) / 8;
    byte[] key = new byte[10 + pathBytes];
    putLong(key, 0, version);
    key[8] = (byte) (depth >>> 8);
    key[9] = (byte) depth;
    System.arraycopy(path, 0, key, 10, pathBytes);
    if (depth % 8 != 0) {
      key[key.length - 1] &= (byte) (0xff << (8 - depth % 8));
    }
    return key;
  }

  static byte[] encodeLeaf(byte[] keyHash, byte[] valueHash, byte[] value) {
    byte[] out = new byte[1 + 2 * HASH + value.length];
    out[0] = LEAF;
    System.arraycopy(keyHash, 0, out, 1, HASH);
    System.arraycopy(valueHash, 0, out, 1 + HASH, HASH);
    System.arraycopy(value, 0, out, 1 + 2 * HASH, value.length);
    return out;
  }

  static byte[] encodeInternal(Ref left, Ref right) {
    byte[] out = new byte[1 + 2 * REF_LENGTH];
    out[0] = INTERNAL;
    writeRef(out, 1, left);
    writeRef(out, 1 + REF_LENGTH, right);
    return out;
  }

  static Leaf decodeLeaf(byte[] node) {
    if (node.length < 1 + 2 * HASH || node[0] != LEAF) {
      throw new StorageException("state tree node is not a leaf; the database is damaged");
    }
    return new Leaf(
        Arrays.copyOfRange(node, 1, 1 + HASH),
        Arrays.copyOfRange(node, 1 + HASH, 1 + 2 * HASH),
        Arrays.copyOfRange(node, 1 + 2 * HASH, node.length));
  }

  static Internal decodeInternal(byte[] node) {
    if (node.length != 1 + 2 * REF_LENGTH || node[0] != INTERNAL) {
      throw new StorageException(
          "state tree node is not an internal node; the database is damaged");
    }
    return new Internal(readRef(node, 1), readRef(node, 1 + REF_LENGTH));
  }

  static byte[] encodeRef(Ref ref) {
    byte[] out = new byte[REF_LENGTH];
    writeRef(out, 0, ref);
    return out;
  }

  static Ref decodeRef(byte[] bytes) {
    if (bytes.length != REF_LENGTH) {
      throw new StorageException("state root record has a bad length; the database is damaged");
    }
    return readRef(bytes, 0);
  }

  private static void writeRef(byte[] out, int at, Ref ref) {
    out[at] = ref.kind();
    putLong(out, at + 1, ref.version());
    System.arraycopy(ref.hash(), 0, out, at + 9, HASH);
  }

  private static Ref readRef(byte[] in, int at) {
    byte kind = in[at];
    if (kind != EMPTY && kind != LEAF && kind != INTERNAL) {
      throw new StorageException("state tree reference has kind " + kind + "; database damaged");
    }
    return new Ref(kind, getLong(in, at + 1), Arrays.copyOfRange(in, at + 9, at + 9 + HASH));
  }

  static byte[] u64(long v) {
    byte[] out = new byte[8];
    putLong(out, 0, v);
    return out;
  }

  static void putLong(byte[] out, int at, long v) {
    for (int i = 0; i < 8; i++) {
      out[at + i] = (byte) (v >>> (56 - 8 * i));
    }
  }

  static long getLong(byte[] in, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[at + i] & 0xff);
    }
    return v;
  }
}
