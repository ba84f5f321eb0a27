package org.chancery.ledger.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.contract.ContractContext.StateEntry;
import org.chancery.core.state.StateProof;
import org.chancery.core.state.StateTreeHashing;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.state.TreeNodes.Internal;
import org.chancery.ledger.state.TreeNodes.Leaf;
import org.chancery.ledger.state.TreeNodes.Ref;
import org.chancery.ledger.store.Column;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.ledger.store.StorageException;

/**
 * The world state as a sparse Merkle tree (defined in {@link StateTreeHashing}) stored in RocksDB,
 * one version per block, with inclusion and non-inclusion proofs at the latest height and at the
 * last {@code retainVersions} heights.
 *
 * <p>Storage (layouts in {@link TreeNodes} and {@link Column}):
 *
 * <ul>
 *   <li>{@link Column#STATE}: the latest value of every key, for {@link #get} and {@link #range};
 *   <li>{@link Column#STATE_NODES}: tree nodes keyed by (version, depth, path). A block writes only
 *       the nodes on the paths of its changed keys, under its own height; nodes it replaces stay,
 *       so older versions remain readable until pruned;
 *   <li>{@link Column#STATE_STALE}: for every replaced node, the height that replaced it;
 *   <li>{@link Column#STATE_ROOTS}: the root of every retained version. Its last entry is the
 *       latest committed version, which is how a reopened state recovers.
 * </ul>
 *
 * All of a block's state writes go into the block's one atomic batch ({@link Prepared#writeTo}), so
 * a crash leaves the state exactly at the last committed block.
 *
 * <p><b>Pruning</b> is explicit: the node calls {@link #pruneStep(int)} from one background thread
 * (for example after each committed block, repeating while it returns a positive count). Each step
 * deletes, in one atomic batch of at most {@code maxRecords} records, first the root records of
 * versions older than the window and then the nodes that became stale at or before the window's
 * first height. It holds at most one chunk in memory, and a crash between steps leaves the stale
 * records of the nodes not yet deleted, so the next step resumes where the last one stopped.
 *
 * <p>Thread-safety: reads ({@link #get}, {@link #range}, {@link #prove}, {@link #rootAt}) may run
 * on any thread at any time, including while a block commits or a prune step runs. {@code
 * prepare}/{@code committed} are called by one thread at a time in height order; {@code pruneStep}
 * by one thread at a time (it serialises itself).
 *
 * <pre>{@code
 * SparseMerkleState state = new SparseMerkleState(db, suite, 1000);
 * SparseMerkleState.PreparedVersion next = state.prepare(changes, state.version() + 1);
 * try (LedgerDatabase.Batch batch = db.newBatch()) {
 *   next.writeTo(batch); // with the block, its certificate and receipts
 *   db.commit(batch);
 * }
 * state.committed(next);
 * StateProof proof = state.prove(new StateKey("licence", "L-42"), state.version());
 * }</pre>
 */
public final class SparseMerkleState implements WorldState {
  private static final byte[] NOTHING = new byte[0];

  /** Internal nodes kept in memory by default: the tree's top 16 levels or so, about 25 MB. */
  public static final int DEFAULT_CACHED_NODES = 100_000;

  private final LedgerDatabase db;
  private final CryptoSuite suite;
  private final long retainVersions;
  private final NodeCache cache;
  private final Object pruneLock = new Object();

  /** The latest committed version; replaced as a whole so readers see a consistent pair. */
  private volatile Head head;

  /** Versions below this have no root record any more (pruned, or being pruned). */
  private volatile long prunedBelow;

  /**
   * Where the next prune step starts scanning roots and stale records: everything before these keys
   * is already deleted, so a step never wades through the deletion markers of earlier steps.
   * Guarded by {@link #pruneLock}; not persisted (after a restart, scans start at the beginning).
   */
  private byte[] rootCursor = NOTHING;

  private byte[] staleCursor = NOTHING;

  private record Head(long version, Ref root) {}

  /**
   * Opens the state stored in {@code db} with a cache of {@link #DEFAULT_CACHED_NODES} nodes.
   *
   * @see #SparseMerkleState(LedgerDatabase, CryptoSuite, long, int)
   */
  public SparseMerkleState(LedgerDatabase db, CryptoSuite suite, long retainVersions) {
    this(db, suite, retainVersions, DEFAULT_CACHED_NODES);
  }

  /**
   * Opens the state stored in {@code db}, recovering the latest committed version and its root; an
   * empty database gives version 0 with the empty root.
   *
   * @param suite the chain's crypto suite; its hash builds the tree
   * @param retainVersions how many of the latest versions stay provable (at least 1: the latest)
   * @param cachedNodes how many internal nodes to keep in memory (about 250 bytes each); 0 for none
   * @throws IllegalArgumentException if {@code retainVersions < 1}, {@code cachedNodes < 0}, or the
   *     suite's hash is not 32 bytes
   */
  public SparseMerkleState(
      LedgerDatabase db, CryptoSuite suite, long retainVersions, int cachedNodes) {
    if (cachedNodes < 0) {
      throw new IllegalArgumentException("cachedNodes must not be negative, not " + cachedNodes);
    }
    if (retainVersions < 1) {
      throw new IllegalArgumentException(
          "retainVersions must be at least 1 (the latest version), not " + retainVersions);
    }
    if (suite.hashLength() != StateTreeHashing.HASH_LENGTH) {
      throw new IllegalArgumentException("the state tree needs a 32-byte hash");
    }
    this.db = db;
    this.suite = suite;
    this.retainVersions = retainVersions;
    this.cache = new NodeCache(cachedNodes);
    Map.Entry<byte[], byte[]> last = db.last(Column.STATE_ROOTS);
    if (last == null) {
      this.head = new Head(0, Ref.EMPTY_REF);
      this.prunedBelow = 0;
    } else {
      this.head =
          new Head(TreeNodes.getLong(last.getKey(), 0), TreeNodes.decodeRef(last.getValue()));
      List<Map.Entry<byte[], byte[]>> first = db.scan(Column.STATE_ROOTS, NOTHING, null, 1);
      this.prunedBelow = TreeNodes.getLong(first.get(0).getKey(), 0);
    }
  }

  @Override
  public long version() {
    return head.version();
  }

  @Override
  public Bytes root() {
    return Bytes.of(head.root().hash());
  }

  /** How many of the latest versions stay provable. */
  public long retainVersions() {
    return retainVersions;
  }

  /**
   * The oldest height that {@link #prove} and {@link #rootAt} currently answer for: the start of
   * the retention window, or later if a previous run with a smaller window already pruned more.
   */
  public long oldestAvailableHeight() {
    long latest = head.version();
    return Math.max(Math.max(0, latest - retainVersions + 1), Math.min(prunedBelow, latest));
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    return Optional.ofNullable(db.get(Column.STATE, key.encoded()));
  }

  @Override
  public List<StateEntry> range(
      String contract, String fromInclusive, String toExclusive, int limit) {
    byte[] prefix = new StateKey(contract, "").encoded();
    byte[] from = new StateKey(contract, fromInclusive).encoded();
    byte[] to;
    if (toExclusive == null) {
      to = prefix.clone();
      to[to.length - 1] = 1;
    } else {
      to = new StateKey(contract, toExclusive).encoded();
    }
    List<StateEntry> out = new ArrayList<>();
    if (limit <= 0 || Arrays.compareUnsigned(from, to) >= 0) {
      return out;
    }
    for (Map.Entry<byte[], byte[]> e : db.scan(Column.STATE, from, to, limit)) {
      byte[] k = e.getKey();
      out.add(
          new StateEntry(
              new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8),
              e.getValue()));
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the nodes on the changed keys' paths from the database; writes nothing. Preparing a
   * version and never committing it (a proposal that was not decided) leaves no trace.
   */
  @Override
  public PreparedVersion prepare(StateChanges changes, long height) {
    Head base = head;
    if (height != base.version() + 1) {
      throw new IllegalStateException(
          "cannot prepare the state at height "
              + height
              + ": the latest committed height is "
              + base.version()
              + ", so the next is "
              + (base.version() + 1));
    }
    return prepareOn(base.root(), this::readNode, changes, height);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Nodes {@code parent} wrote are read from {@code parent} itself, whether or not its batch has
   * reached the database yet; older nodes from the cache or the database, where they are committed.
   */
  @Override
  public PreparedVersion prepareAfter(Prepared parent, StateChanges changes, long height) {
    PreparedVersion p = own(parent);
    if (height != p.height + 1) {
      throw new IllegalStateException(
          "cannot prepare height " + height + " after version " + p.height);
    }
    Head base = head;
    boolean pending = p.height == base.version() + 1 && p.base.sameAs(base.root());
    boolean latest = p.height == base.version() && p.root.sameAs(base.root());
    if (!pending && !latest) {
      throw new IllegalStateException(
          "version "
              + p.height
              + " is neither the latest committed version ("
              + base.version()
              + ") nor prepared on it");
    }
    return prepareOn(
        p.root,
        nodeKey -> {
          byte[] node = p.written(nodeKey);
          return node != null ? node : readNode(nodeKey);
        },
        changes,
        height);
  }

  @Override
  public StateReader readerAfter(Prepared parent) {
    return new StateOverlay(this, own(parent).changes);
  }

  private PreparedVersion prepareOn(
      Ref root, TreeUpdate.NodeSource nodes, StateChanges changes, long height) {
    TreeUpdate update = new TreeUpdate(suite, nodes, height);
    Ref newRoot = update.apply(root, changes);
    StateChanges copy = new StateChanges();
    copy.putAll(changes);
    return new PreparedVersion(this, height, root, newRoot, update, copy);
  }

  private PreparedVersion own(Prepared prepared) {
    if (!(prepared instanceof PreparedVersion p) || p.owner != this) {
      throw new IllegalStateException("this version was not prepared by this state");
    }
    return p;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if {@code prepared} was not prepared by this state on top of its
   *     latest version
   */
  @Override
  public void committed(Prepared prepared) {
    Head base = head;
    PreparedVersion p = own(prepared);
    if (p.height != base.version() + 1 || !p.base.sameAs(base.root())) {
      throw new IllegalStateException(
          "version "
              + p.height
              + " was prepared on a state that is no longer the latest (latest is "
              + base.version()
              + ")");
    }
    for (Map.Entry<byte[], byte[]> w : p.nodeWrites) {
      cache.put(w.getKey(), w.getValue());
    }
    head = new Head(p.height, p.root);
  }

  /**
   * The state root at {@code height}.
   *
   * @throws HistoricalStateUnavailableException if {@code height} is outside {@code
   *     [oldestAvailableHeight(), version()]}
   */
  public Bytes rootAt(long height) {
    return Bytes.of(rootRef(height).hash());
  }

  /**
   * Proves what {@code key} holds in the state at {@code height}: its value (inclusion) or nothing
   * (non-inclusion). The proof verifies with {@link org.chancery.core.state.StateProofVerifier}
   * against the state root of the header at {@code height}.
   *
   * @throws HistoricalStateUnavailableException if {@code height} is outside {@code
   *     [oldestAvailableHeight(), version()]}
   */
  @Override
  public StateProof prove(StateKey key, long height) {
    Ref ref = rootRef(height);
    Bytes root = Bytes.of(ref.hash());
    byte[] keyHash = suite.hash(key.encoded());
    List<Bytes> siblings = new ArrayList<>();
    int depth = 0;
    while (ref.kind() == TreeNodes.INTERNAL) {
      Internal node = TreeNodes.decodeInternal(readNode(ref, depth, keyHash, height));
      int bit = StateTreeHashing.bit(keyHash, depth);
      siblings.add(Bytes.of(node.child(1 - bit).hash()));
      ref = node.child(bit);
      depth++;
    }
    if (ref.kind() == TreeNodes.EMPTY) {
      return new StateProof(key.contract(), key.key(), height, root, null, null, null, siblings);
    }
    Leaf leaf = TreeNodes.decodeLeaf(readNode(ref, depth, keyHash, height));
    if (Arrays.equals(leaf.keyHash(), keyHash)) {
      return new StateProof(
          key.contract(), key.key(), height, root, Bytes.of(leaf.value()), null, null, siblings);
    }
    return new StateProof(
        key.contract(),
        key.key(),
        height,
        root,
        null,
        Bytes.of(leaf.keyHash()),
        Bytes.of(leaf.valueHash()),
        siblings);
  }

  /**
   * Deletes, in one atomic batch, up to {@code maxRecords} records that no version in the retention
   * window needs: root records of older versions first, then stale nodes with their stale records.
   * Call it from one background thread until it returns 0; safe to interrupt at any point (a crash
   * or restart resumes from the stale records left).
   *
   * @return how many records (roots plus nodes) were deleted; 0 when nothing is left to prune
   */
  public int pruneStep(int maxRecords) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1, not " + maxRecords);
    }
    synchronized (pruneLock) {
      long keepFrom = head.version() - retainVersions + 1;
      if (keepFrom <= 0) {
        return 0;
      }
      // Readers stop accepting older heights before any of their data goes.
      if (prunedBelow < keepFrom) {
        prunedBelow = keepFrom;
      }
      byte[] keepFromKey = TreeNodes.u64(keepFrom);
      try (LedgerDatabase.Batch batch = db.newBatch()) {
        List<Map.Entry<byte[], byte[]>> roots =
            db.scan(Column.STATE_ROOTS, rootCursor, keepFromKey, maxRecords);
        for (Map.Entry<byte[], byte[]> r : roots) {
          batch.delete(Column.STATE_ROOTS, r.getKey());
        }
        int deleted = roots.size();
        byte[] nextRootCursor = roots.isEmpty() ? rootCursor : roots.getLast().getKey();
        byte[] nextStaleCursor = staleCursor;
        // Nodes go only once no root record of an older version is left (or all of them leave in
        // this batch): a version whose root record exists then always has all its nodes.
        if (deleted < maxRecords) {
          List<Map.Entry<byte[], byte[]>> stale =
              db.scan(
                  Column.STATE_STALE,
                  staleCursor,
                  TreeNodes.u64(keepFrom + 1),
                  maxRecords - deleted);
          for (Map.Entry<byte[], byte[]> s : stale) {
            byte[] record = s.getKey();
            byte[] nodeKey = Arrays.copyOfRange(record, 8, record.length);
            batch.delete(Column.STATE_NODES, nodeKey);
            batch.delete(Column.STATE_STALE, record);
            cache.remove(nodeKey);
          }
          deleted += stale.size();
          if (!stale.isEmpty()) {
            nextStaleCursor = stale.getLast().getKey();
          }
        }
        if (deleted > 0) {
          db.commit(batch);
        }
        rootCursor = nextRootCursor;
        staleCursor = nextStaleCursor;
        return deleted;
      }
    }
  }

  /** The root of version {@code height}, checking that the node still holds it. */
  private Ref rootRef(long height) {
    Head latest = head;
    if (height == latest.version()) {
      return latest.root();
    }
    requireAvailable(height, latest.version());
    byte[] record = db.get(Column.STATE_ROOTS, TreeNodes.u64(height));
    if (record == null) {
      throw unavailable(height);
    }
    return TreeNodes.decodeRef(record);
  }

  private void requireAvailable(long height, long latest) {
    long oldest = oldestAvailableHeight();
    if (height < oldest || height > latest) {
      throw new HistoricalStateUnavailableException(height, oldest, latest);
    }
  }

  private byte[] readNode(Ref ref, int depth, byte[] path, long height) {
    byte[] node = readNode(TreeNodes.nodeKey(ref.version(), depth, path));
    if (node == null) {
      throw unavailable(height);
    }
    return node;
  }

  /** A committed node, from the cache or the database; null if absent. */
  private byte[] readNode(byte[] nodeKey) {
    byte[] node = cache.get(nodeKey);
    if (node == null) {
      node = db.get(Column.STATE_NODES, nodeKey);
      if (node != null) {
        cache.put(nodeKey, node);
      }
    }
    return node;
  }

  /**
   * A record of version {@code height} is missing: either pruning overtook the reader (then the
   * height has left the window), or the database is damaged.
   */
  private RuntimeException unavailable(long height) {
    long oldest = oldestAvailableHeight();
    long latest = head.version();
    if (height < oldest || height > latest) {
      return new HistoricalStateUnavailableException(height, oldest, latest);
    }
    return new StorageException(
        "the state tree of height " + height + " is incomplete; the database is damaged");
  }

  /**
   * A version computed by {@link #prepare} and not yet committed, with the cost of computing it.
   */
  public static final class PreparedVersion implements Prepared {
    private final SparseMerkleState owner;
    private final long height;
    private final Ref base;
    private final Ref root;
    private final List<Map.Entry<byte[], byte[]>> nodeWrites;
    private final List<byte[]> staleNodes;
    private final StateChanges changes;
    private final int hashOperations;
    private final int nodeReads;

    /** {@link #nodeWrites} by key, built when a next version is prepared on this one. */
    private Map<ByteBuffer, byte[]> written;

    private PreparedVersion(
        SparseMerkleState owner,
        long height,
        Ref base,
        Ref root,
        TreeUpdate update,
        StateChanges changes) {
      this.owner = owner;
      this.height = height;
      this.base = base;
      this.root = root;
      this.nodeWrites = update.writes();
      this.staleNodes = update.stale();
      this.changes = changes;
      this.hashOperations = update.hashes();
      this.nodeReads = update.reads();
    }

    @Override
    public long height() {
      return height;
    }

    /** The node this version writes under {@code nodeKey}, or null. */
    private synchronized byte[] written(byte[] nodeKey) {
      if (written == null) {
        written = new HashMap<>(nodeWrites.size() * 2);
        for (Map.Entry<byte[], byte[]> w : nodeWrites) {
          written.put(ByteBuffer.wrap(w.getKey()), w.getValue());
        }
      }
      return written.get(ByteBuffer.wrap(nodeKey));
    }

    @Override
    public Bytes root() {
      return Bytes.of(root.hash());
    }

    /**
     * Adds the new tree nodes, the stale-node records, the root record and the new flat values to
     * {@code batch}.
     */
    @Override
    public void writeTo(LedgerDatabase.Batch batch) {
      byte[] heightKey = TreeNodes.u64(height);
      for (Map.Entry<byte[], byte[]> w : nodeWrites) {
        batch.put(Column.STATE_NODES, w.getKey(), w.getValue());
      }
      for (byte[] nodeKey : staleNodes) {
        byte[] record = new byte[8 + nodeKey.length];
        System.arraycopy(heightKey, 0, record, 0, 8);
        System.arraycopy(nodeKey, 0, record, 8, nodeKey.length);
        batch.put(Column.STATE_STALE, record, NOTHING);
      }
      if (height == 1) {
        // The empty state before the first block is a version too, provable while retained.
        batch.put(Column.STATE_ROOTS, TreeNodes.u64(0), TreeNodes.encodeRef(Ref.EMPTY_REF));
      }
      batch.put(Column.STATE_ROOTS, heightKey, TreeNodes.encodeRef(root));
      for (Map.Entry<StateKey, Optional<byte[]>> e : changes.entries().entrySet()) {
        byte[] key = e.getKey().encoded();
        if (e.getValue().isPresent()) {
          batch.put(Column.STATE, key, e.getValue().get());
        } else {
          batch.delete(Column.STATE, key);
        }
      }
    }

    /** Hash computations this version cost: key and value hashes, leaves and internal nodes. */
    public int hashOperations() {
      return hashOperations;
    }

    /** Tree nodes looked up (in the node cache or the database) to compute this version. */
    public int nodeReads() {
      return nodeReads;
    }

    /** Tree nodes this version writes. */
    public int nodesWritten() {
      return nodeWrites.size();
    }

    /** Stored tree nodes this version replaces (kept until pruned). */
    public int nodesReplaced() {
      return staleNodes.size();
    }
  }
}
