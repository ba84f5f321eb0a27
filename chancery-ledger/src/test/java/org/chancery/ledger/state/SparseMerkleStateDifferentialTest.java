package org.chancery.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.chancery.core.Bytes;
import org.chancery.core.contract.ContractContext.StateEntry;
import org.chancery.core.state.StateProof;
import org.chancery.core.state.StateProofVerifier;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs random blocks of puts and deletes against the real state and, side by side, against a plain
 * map whose root the naive tree computes from scratch; they must agree after every block on the
 * root, every value, ranges, and proofs. Each seed replays exactly. The number of blocks per seed
 * is 200, or the system property {@code chancery.state.differentialBlocks} for longer runs.
 */
class SparseMerkleStateDifferentialTest {
  private static final List<String> CONTRACTS = List.of("evidence", "licence", "invoice");
  private static final int KEYS_PER_CONTRACT = 80;

  /** Blocks per seed; {@code -Dchancery.state.differentialBlocks=5000} for a long run. */
  private static final int BLOCKS = Integer.getInteger("chancery.state.differentialBlocks", 200);

  private static final int RETAIN = 16;

  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}, suite {1}, {2} cached nodes")
  @CsvSource({"1, sm, 100000", "2, nist, 0", "3, sm, 7", "4, nist, 100000"})
  void agreesWithAMapAndTheNaiveTreeOverRandomBlocks(long seed, String suiteName, int cached) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    NaiveStateTree naive = new NaiveStateTree(suite);
    Random random = new Random(seed);
    TreeMap<StateKey, byte[]> model = new TreeMap<>();
    Map<Long, Bytes> roots = new HashMap<>();
    roots.put(0L, Bytes.of(new byte[32]));
    try (StateHarness h = new StateHarness(dir, suite, RETAIN, cached)) {
      assertThat(h.state.root().toArray()).isEqualTo(naive.root(model));
      for (int block = 1; block <= BLOCKS; block++) {
        StateChanges changes = randomChanges(random, model);
        for (Map.Entry<StateKey, Optional<byte[]>> e : changes.entries().entrySet()) {
          if (e.getValue().isPresent()) {
            model.put(e.getKey(), e.getValue().get());
          } else {
            model.remove(e.getKey());
          }
        }
        SparseMerkleState.PreparedVersion prepared = h.commit(changes);

        byte[] expected = naive.root(model);
        assertThat(prepared.root().toArray()).as("root after block %d", block).isEqualTo(expected);
        assertThat(h.state.root().toArray()).isEqualTo(expected);
        assertThat(h.state.version()).isEqualTo(block);
        roots.put((long) block, Bytes.of(expected));

        if (block % 25 == 0) {
          h.reopen(RETAIN);
          assertThat(h.state.version()).isEqualTo(block);
          assertThat(h.state.root().toArray()).isEqualTo(expected);
        }
        if (block % 10 == 0) {
          assertValuesAndRanges(h.state, model);
          assertProofs(suite, h.state, model, random, block);
          for (long past = h.state.oldestAvailableHeight(); past <= block; past++) {
            assertThat(h.state.rootAt(past)).as("root at %d", past).isEqualTo(roots.get(past));
          }
        }
        if (block % 7 == 0) {
          h.pruneAll(1 + random.nextInt(50));
        }
      }
    }
  }

  /**
   * A block of up to 30 changes: puts of fresh or repeated values (a put of the value already there
   * is a no-op), deletes of present and of absent keys, and re-puts of deleted keys.
   */
  private static StateChanges randomChanges(Random random, Map<StateKey, byte[]> model) {
    StateChanges changes = new StateChanges();
    int n = random.nextInt(31);
    for (int i = 0; i < n; i++) {
      StateKey key = randomKey(random);
      int kind = random.nextInt(10);
      if (kind < 4) {
        changes.delete(key);
      } else if (kind < 6 && model.containsKey(key)) {
        changes.put(key, model.get(key));
      } else {
        byte[] value = new byte[random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(40)];
        random.nextBytes(value);
        changes.put(key, value);
      }
    }
    return changes;
  }

  private static StateKey randomKey(Random random) {
    return new StateKey(
        CONTRACTS.get(random.nextInt(CONTRACTS.size())),
        "key-" + random.nextInt(KEYS_PER_CONTRACT));
  }

  private static void assertValuesAndRanges(
      SparseMerkleState state, TreeMap<StateKey, byte[]> model) {
    for (String contract : CONTRACTS) {
      for (int i = 0; i < KEYS_PER_CONTRACT; i++) {
        StateKey key = new StateKey(contract, "key-" + i);
        assertThat(state.get(key).orElse(null)).as("%s", key).isEqualTo(model.get(key));
      }
      List<StateEntry> all = state.range(contract, "", null, Integer.MAX_VALUE);
      List<String> expectedKeys = new ArrayList<>();
      for (StateKey k : model.keySet()) {
        if (k.contract().equals(contract)) {
          expectedKeys.add(k.key());
        }
      }
      assertThat(all).extracting(StateEntry::key).containsExactlyElementsOf(expectedKeys);
      for (StateEntry e : all) {
        assertThat(e.value()).isEqualTo(model.get(new StateKey(contract, e.key())));
      }
      List<StateEntry> window = state.range(contract, "key-2", "key-5", 7);
      List<String> expectedWindow =
          expectedKeys.stream()
              .filter(k -> k.compareTo("key-2") >= 0 && k.compareTo("key-5") < 0)
              .limit(7)
              .toList();
      assertThat(window).extracting(StateEntry::key).containsExactlyElementsOf(expectedWindow);
    }
  }

  private static void assertProofs(
      CryptoSuite suite,
      SparseMerkleState state,
      Map<StateKey, byte[]> model,
      Random random,
      long height) {
    for (int i = 0; i < 20; i++) {
      StateKey key = randomKey(random);
      StateProof proof = state.prove(key, height);
      Optional<byte[]> expected = Optional.ofNullable(model.get(key));
      StateProofVerifier.Result result =
          StateProofVerifier.verify(
              suite, state.root(), key.contract(), key.key(), expected, proof);
      assertThat(result.valid()).as("%s: %s", key, result.reason()).isTrue();
      assertThat(proof.isInclusion()).isEqualTo(expected.isPresent());
    }
    StateProof absent = state.prove(new StateKey("unknown", "x"), height);
    assertThat(
            StateProofVerifier.verify(suite, state.root(), "unknown", "x", Optional.empty(), absent)
                .valid())
        .isTrue();
  }
}
