package org.chancery.ledger.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.core.state.StateTreeHashing;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.state.TreeNodes.Internal;
import org.chancery.ledger.state.TreeNodes.Leaf;
import org.chancery.ledger.state.TreeNodes.Ref;
import org.chancery.ledger.store.StorageException;

/**
 * Computes one new version of the tree from the previous one and a block's changes, in memory: the
 * nodes to write, the nodes that become stale, and the new root. Visits only the paths of changed
 * keys, so a block costs O(changed keys x depth) hashes and node reads.
 *
 * <p>The changes are sorted by key hash and applied top-down in one pass: each subtree receives the
 * contiguous run of changes under its prefix. A subtree whose changes turn out to be no-ops (a put
 * of the value already there, a delete of an absent key) keeps its stored node, so unchanged parts
 * are never rewritten. Leaves move when the tree reshapes: an insert pushes a leaf down to where
 * its key and the new one diverge; a delete lets a lone remaining leaf float up to where it is
 * unique. Single use.
 */
final class TreeUpdate {

  /** Reads a stored node by its key; null if absent. */
  interface NodeSource {
    byte[] read(byte[] nodeKey);
  }

  /** A changed key: its hash and its new value (null for a delete) with the value's hash. */
  private record Change(byte[] keyHash, byte[] value, byte[] valueHash) {}

  /** A subtree during the update. */
  private sealed interface Sub permits EmptySub, Stored, NewLeaf {}

  private enum EmptySub implements Sub {
    INSTANCE
  }

  /** A stored node, at the position it was stored under. */
  private record Stored(Ref ref) implements Sub {}

  /** A leaf whose position is not fixed yet; written when its parent is. */
  private record NewLeaf(byte[] keyHash, byte[] valueHash, byte[] value) implements Sub {}

  private static final Comparator<NewLeaf> BY_KEY_HASH =
      (a, b) -> Arrays.compareUnsigned(a.keyHash(), b.keyHash());

  private final CryptoSuite suite;
  private final CryptoSuite.Hasher hasher;
  private final NodeSource nodes;
  private final long version;
  private final List<Map.Entry<byte[], byte[]>> writes = new ArrayList<>();
  private final List<byte[]> stale = new ArrayList<>();
  private Change[] changes;
  private int hashes;
  private int reads;

  TreeUpdate(CryptoSuite suite, NodeSource nodes, long version) {
    this.suite = suite;
    this.hasher = suite.newHasher();
    this.nodes = nodes;
    this.version = version;
  }

  /**
   * Applies {@code stateChanges} to the tree rooted at {@code oldRoot}, producing version {@link
   * #version}.
   *
   * @return the new root; {@code oldRoot} itself if nothing changed
   */
  Ref apply(Ref oldRoot, StateChanges stateChanges) {
    List<Change> list = new ArrayList<>(stateChanges.size());
    for (Map.Entry<StateKey, Optional<byte[]>> e : stateChanges.entries().entrySet()) {
      byte[] keyHash = hash(e.getKey().encoded());
      byte[] value = e.getValue().orElse(null);
      list.add(new Change(keyHash, value, value == null ? null : hash(value)));
    }
    list.sort((a, b) -> Arrays.compareUnsigned(a.keyHash(), b.keyHash()));
    for (int i = 1; i < list.size(); i++) {
      if (Arrays.equals(list.get(i - 1).keyHash(), list.get(i).keyHash())) {
        throw new IllegalStateException("two different state keys have the same key hash");
      }
    }
    changes = list.toArray(new Change[0]);
    Sub root = sub(oldRoot);
    Sub updated = update(root, 0, 0, changes.length);
    return updated == root ? oldRoot : materialize(updated, 0);
  }

  /** Nodes to write: node key -> encoded node. */
  List<Map.Entry<byte[], byte[]>> writes() {
    return writes;
  }

  /** Keys of the stored nodes this version replaced. */
  List<byte[]> stale() {
    return stale;
  }

  int hashes() {
    return hashes;
  }

  int reads() {
    return reads;
  }

  private static Sub sub(Ref ref) {
    return ref.kind() == TreeNodes.EMPTY ? EmptySub.INSTANCE : new Stored(ref);
  }

  /**
   * The subtree at {@code depth} after applying {@code changes[from, to)}; all under its prefix.
   */
  private Sub update(Sub node, int depth, int from, int to) {
    if (from == to) {
      return node;
    }
    return switch (node) {
      case EmptySub e -> {
        List<NewLeaf> puts = new ArrayList<>();
        for (int i = from; i < to; i++) {
          if (changes[i].value() != null) {
            puts.add(newLeaf(changes[i]));
          }
        }
        yield puts.isEmpty() ? node : build(depth, puts, 0, puts.size());
      }
      case Stored s when s.ref().kind() == TreeNodes.LEAF -> updateLeaf(s, depth, from, to);
      case Stored s -> updateInternal(s, depth, from, to);
      case NewLeaf n -> throw new IllegalStateException("update reached an unplaced leaf");
    };
  }

  private Sub updateLeaf(Stored node, int depth, int from, int to) {
    byte[] nodeKey = TreeNodes.nodeKey(node.ref().version(), depth, changes[from].keyHash());
    Leaf leaf = TreeNodes.decodeLeaf(read(nodeKey));
    List<NewLeaf> items = new ArrayList<>();
    boolean keepOld = true;
    for (int i = from; i < to; i++) {
      Change c = changes[i];
      if (Arrays.equals(c.keyHash(), leaf.keyHash())) {
        if (c.value() == null) {
          keepOld = false;
        } else if (!Arrays.equals(c.valueHash(), leaf.valueHash())) {
          keepOld = false;
          items.add(newLeaf(c));
        }
      } else if (c.value() != null) {
        items.add(newLeaf(c));
      }
    }
    if (keepOld && items.isEmpty()) {
      return node;
    }
    stale.add(nodeKey);
    if (keepOld) {
      items.add(new NewLeaf(leaf.keyHash(), leaf.valueHash(), leaf.value()));
      items.sort(BY_KEY_HASH);
    }
    return build(depth, items, 0, items.size());
  }

  private Sub updateInternal(Stored node, int depth, int from, int to) {
    byte[] path = changes[from].keyHash();
    byte[] nodeKey = TreeNodes.nodeKey(node.ref().version(), depth, path);
    Internal internal = TreeNodes.decodeInternal(read(nodeKey));
    int split = from;
    while (split < to && StateTreeHashing.bit(changes[split].keyHash(), depth) == 0) {
      split++;
    }
    Sub oldLeft = sub(internal.left());
    Sub oldRight = sub(internal.right());
    Sub left = update(oldLeft, depth + 1, from, split);
    Sub right = update(oldRight, depth + 1, split, to);
    if (left == oldLeft && right == oldRight) {
      return node;
    }
    stale.add(nodeKey);
    return combine(depth, path, left, right);
  }

  /** The subtree at {@code depth} holding exactly {@code items[lo, hi)}, all new leaves. */
  private Sub build(int depth, List<NewLeaf> items, int lo, int hi) {
    if (hi - lo == 0) {
      return EmptySub.INSTANCE;
    }
    if (hi - lo == 1) {
      return items.get(lo);
    }
    if (depth >= StateTreeHashing.KEY_BITS) {
      throw new IllegalStateException("two different state keys have the same key hash");
    }
    int split = lo;
    while (split < hi && StateTreeHashing.bit(items.get(split).keyHash(), depth) == 0) {
      split++;
    }
    Sub left = build(depth + 1, items, lo, split);
    Sub right = build(depth + 1, items, split, hi);
    return combine(depth, items.get(lo).keyHash(), left, right);
  }

  /**
   * The node at {@code depth} on {@code path} with children {@code left} and {@code right}: nothing
   * if both are empty, the lone leaf if the other is empty (it floats up), else a new internal
   * node.
   */
  private Sub combine(int depth, byte[] path, Sub left, Sub right) {
    if (left == EmptySub.INSTANCE && right == EmptySub.INSTANCE) {
      return EmptySub.INSTANCE;
    }
    if (left == EmptySub.INSTANCE && isLeaf(right)) {
      return floatUp(right, depth + 1, withBit(path, depth, 1));
    }
    if (right == EmptySub.INSTANCE && isLeaf(left)) {
      return floatUp(left, depth + 1, withBit(path, depth, 0));
    }
    Ref l = materialize(left, depth + 1);
    Ref r = materialize(right, depth + 1);
    byte[] hash = count(StateTreeHashing.internalHash(hasher, l.hash(), r.hash()));
    writes.add(Map.entry(TreeNodes.nodeKey(version, depth, path), TreeNodes.encodeInternal(l, r)));
    return new Stored(new Ref(TreeNodes.INTERNAL, version, hash));
  }

  private static boolean isLeaf(Sub sub) {
    return sub instanceof NewLeaf || (sub instanceof Stored s && s.ref().kind() == TreeNodes.LEAF);
  }

  /** A lone leaf leaving its stored position at {@code depth} on {@code path}. */
  private Sub floatUp(Sub leaf, int depth, byte[] path) {
    if (leaf instanceof Stored s) {
      byte[] nodeKey = TreeNodes.nodeKey(s.ref().version(), depth, path);
      Leaf stored = TreeNodes.decodeLeaf(read(nodeKey));
      stale.add(nodeKey);
      return new NewLeaf(stored.keyHash(), stored.valueHash(), stored.value());
    }
    return leaf;
  }

  /** Fixes {@code sub} at {@code depth}, writing it if it is a new leaf. */
  private Ref materialize(Sub sub, int depth) {
    return switch (sub) {
      case EmptySub e -> Ref.EMPTY_REF;
      case Stored s -> s.ref();
      case NewLeaf n -> {
        byte[] hash = count(StateTreeHashing.leafHash(hasher, n.keyHash(), n.valueHash()));
        writes.add(
            Map.entry(
                TreeNodes.nodeKey(version, depth, n.keyHash()),
                TreeNodes.encodeLeaf(n.keyHash(), n.valueHash(), n.value())));
        yield new Ref(TreeNodes.LEAF, version, hash);
      }
    };
  }

  private static NewLeaf newLeaf(Change c) {
    return new NewLeaf(c.keyHash(), c.valueHash(), c.value());
  }

  private static byte[] withBit(byte[] path, int index, int bit) {
    byte[] out = path.clone();
    int mask = 0x80 >>> (index & 7);
    if (bit == 0) {
      out[index >>> 3] &= (byte) ~mask;
    } else {
      out[index >>> 3] |= (byte) mask;
    }
    return out;
  }

  private byte[] read(byte[] nodeKey) {
    reads++;
    byte[] node = nodes.read(nodeKey);
    if (node == null) {
      throw new StorageException(
          "state tree node "
              + java.util.HexFormat.of().formatHex(nodeKey)
              + " of the latest version is missing; the database is damaged");
    }
    return node;
  }

  private byte[] hash(byte[] data) {
    hashes++;
    return suite.hash(data);
  }

  private byte[] count(byte[] hash) {
    hashes++;
    return hash;
  }
}
