package org.chancery.bench.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chancery.core.Bytes;
import org.chancery.core.state.StateProof;
import org.chancery.core.state.StateProofVerifier;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.state.SparseMerkleState;
import org.chancery.ledger.state.StateChanges;
import org.chancery.ledger.state.StateKey;
import org.chancery.ledger.store.LedgerDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The authenticated world state at scale: a {@link SparseMerkleState} of {@code keys} entries
 * (1,000,000 by default) in RocksDB, built once per trial in a temporary directory; then
 *
 * <ul>
 *   <li>{@code applyBlock}: a block of {@code blockSize} (1,000) random writes (updates of random
 *       existing keys, one in ten a new key), prepared, written in one synced batch and committed,
 *       as a node commits a block; the version leaving the window is pruned after each block,
 *       outside the measured time;
 *   <li>{@code prepareBlock}: only computing the new root of such a block (what a validator does
 *       before voting), without writing;
 *   <li>{@code prove}: a proof for a random key at the latest height;
 *   <li>{@code verify}: checking such a proof offline with {@link StateProofVerifier}.
 * </ul>
 *
 * Setup prints the load time, the proofs' sizes and the hash operations per block. See
 * docs/benchmarks-state.md for the command and the numbers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class StateTreeBenchmark {
  private static final int LOAD_BLOCK = 50_000;
  private static final int PROOF_SAMPLES = 1024;

  @Param({"1000000"})
  public int keys;

  @Param({"1000"})
  public int blockSize;

  @Param({"sm"})
  public String suiteName;

  /** Internal nodes the state keeps in memory (see {@link SparseMerkleState}). */
  @Param({"100000"})
  public int cachedNodes;

  private CryptoSuite suite;
  private Path dir;
  private LedgerDatabase db;
  private SparseMerkleState state;
  private Random random;
  private int nextNewKey;
  private StateProof[] proofs;
  private byte[][] proofValues;
  private int proofCursor;
  private long blocks;
  private long hashOperations;
  private long nodeReads;
  private long nodesWritten;
  private long pruneNanos;

  @Setup(Level.Trial)
  public void load() throws IOException {
    suite = CryptoSuite.byName(suiteName);
    dir = Files.createTempDirectory("chancery-state-bench");
    db = LedgerDatabase.open(dir);
    state = new SparseMerkleState(db, suite, 8, cachedNodes);
    random = new Random(20240601);
    long start = System.nanoTime();
    for (int from = 0; from < keys; from += LOAD_BLOCK) {
      StateChanges changes = new StateChanges();
      for (int i = from; i < Math.min(keys, from + LOAD_BLOCK); i++) {
        changes.put(key(i), value());
      }
      commit(changes);
      pruneAll();
    }
    nextNewKey = keys;
    System.out.printf(
        "%nstate: loaded %,d keys in %.1f s; root %s%n",
        keys, (System.nanoTime() - start) / 1e9, state.root().hex());

    proofs = new StateProof[PROOF_SAMPLES];
    proofValues = new byte[PROOF_SAMPLES][];
    long presentBytes = 0;
    long presentSiblings = 0;
    long absentBytes = 0;
    long absentSiblings = 0;
    for (int i = 0; i < PROOF_SAMPLES; i++) {
      StateKey k = key(random.nextInt(keys));
      proofs[i] = state.prove(k, state.version());
      proofValues[i] = proofs[i].value().toArray();
      presentBytes += proofs[i].encode().length;
      presentSiblings += proofs[i].siblings().size();
      StateProof absent = state.prove(new StateKey("evidence", "absent-" + i), state.version());
      absentBytes += absent.encode().length;
      absentSiblings += absent.siblings().size();
    }
    System.out.printf(
        "state: inclusion proof %.0f bytes binary (%.1f siblings, %d-byte value), "
            + "non-inclusion proof %.0f bytes (%.1f siblings), averages of %d%n",
        presentBytes / (double) PROOF_SAMPLES,
        presentSiblings / (double) PROOF_SAMPLES,
        proofValues[0].length,
        absentBytes / (double) PROOF_SAMPLES,
        absentSiblings / (double) PROOF_SAMPLES,
        PROOF_SAMPLES);
    blocks = 0;
    hashOperations = 0;
    nodeReads = 0;
    nodesWritten = 0;
    pruneNanos = 0;
  }

  /**
   * Prunes the version that left the retention window after every block of {@link #applyBlock},
   * outside the measured time, as the node's background pruner does; so the database stays at its
   * steady-state size.
   */
  @State(Scope.Benchmark)
  public static class Pruning {
    @TearDown(Level.Invocation)
    public void prune(StateTreeBenchmark bench) {
      long start = System.nanoTime();
      bench.pruneAll();
      bench.pruneNanos += System.nanoTime() - start;
    }
  }

  @TearDown(Level.Iteration)
  public void report() {
    if (blocks > 0) {
      System.out.printf(
          "%nstate: per block of %d writes: %.0f hash operations, %.0f node lookups, "
              + "%.0f nodes written, pruning afterwards %.1f ms (%d blocks so far)%n",
          blockSize,
          hashOperations / (double) blocks,
          nodeReads / (double) blocks,
          nodesWritten / (double) blocks,
          pruneNanos / 1e6 / blocks,
          blocks);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    db.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Bytes applyBlock(Pruning pruning) {
    SparseMerkleState.PreparedVersion prepared = commit(randomBlock());
    blocks++;
    hashOperations += prepared.hashOperations();
    nodeReads += prepared.nodeReads();
    nodesWritten += prepared.nodesWritten();
    return prepared.root();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Bytes prepareBlock() {
    return state.prepare(randomBlock(), state.version() + 1).root();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public StateProof prove() {
    return state.prove(key(random.nextInt(keys)), state.version());
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean verify() {
    int i = proofCursor++ & (PROOF_SAMPLES - 1);
    StateProof p = proofs[i];
    return StateProofVerifier.verify(
            suite, p.root(), p.contract(), p.key(), Optional.of(proofValues[i]), p)
        .valid();
  }

  private StateChanges randomBlock() {
    StateChanges changes = new StateChanges();
    while (changes.size() < blockSize) {
      int i = random.nextInt(10) == 0 ? nextNewKey++ : random.nextInt(keys);
      changes.put(key(i), value());
    }
    return changes;
  }

  private SparseMerkleState.PreparedVersion commit(StateChanges changes) {
    SparseMerkleState.PreparedVersion prepared = state.prepare(changes, state.version() + 1);
    try (LedgerDatabase.Batch batch = db.newBatch()) {
      prepared.writeTo(batch);
      db.commit(batch);
    }
    state.committed(prepared);
    return prepared;
  }

  private void pruneAll() {
    int deleted;
    do {
      deleted = state.pruneStep(100_000);
    } while (deleted > 0);
  }

  private static StateKey key(int i) {
    return new StateKey("evidence", "document-" + i);
  }

  /** A 64-byte value, like a document hash and a little metadata. */
  private byte[] value() {
    byte[] v = new byte[64];
    random.nextBytes(v);
    return v;
  }
}
