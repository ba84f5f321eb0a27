package org.chancery.ledger.state;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache of committed internal tree nodes, by node key. The upper
 * levels of the tree are on every path, so keeping them in memory saves most of the database reads
 * of a block and of a proof. A node never changes once written (its key names the height that wrote
 * it), so a cached node is never out of date; only committed nodes are put in. Thread-safe.
 */
final class NodeCache {
  private final int capacity;
  private final LinkedHashMap<ByteBuffer, byte[]> nodes;

  NodeCache(int capacity) {
    this.capacity = capacity;
    this.nodes =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
            return size() > NodeCache.this.capacity;
          }
        };
  }

  synchronized byte[] get(byte[] nodeKey) {
    return capacity == 0 ? null : nodes.get(ByteBuffer.wrap(nodeKey));
  }

  /** Caches {@code node} if it is an internal node; leaves carry values and are read once. */
  synchronized void put(byte[] nodeKey, byte[] node) {
    if (capacity > 0 && node.length > 0 && node[0] == TreeNodes.INTERNAL) {
      nodes.put(ByteBuffer.wrap(nodeKey), node);
    }
  }

  synchronized void remove(byte[] nodeKey) {
    nodes.remove(ByteBuffer.wrap(nodeKey));
  }

  synchronized int size() {
    return nodes.size();
  }
}
