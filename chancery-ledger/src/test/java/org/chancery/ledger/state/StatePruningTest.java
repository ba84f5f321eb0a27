package org.chancery.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.chancery.core.Bytes;
import org.chancery.core.state.StateProof;
import org.chancery.core.state.StateProofVerifier;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.store.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention window: versions older than it answer with a typed error, versions inside it keep
 * proving through pruning, pruning works in bounded chunks, and a restart in the middle of pruning
 * loses nothing and resumes.
 */
class StatePruningTest {
  private static final CryptoSuite SUITE = CryptoSuite.byName("sm");
  private static final int KEYS = 60;

  @TempDir Path dir;

  /** Per height: the entries after that block, so proofs can be checked at any height. */
  private final Map<Long, Map<StateKey, byte[]>> history = new ConcurrentHashMap<>();

  private final Map<Long, Bytes> roots = new ConcurrentHashMap<>();

  @Test
  void heightsOlderThanTheWindowAreUnavailableEvenBeforePruning() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      commitBlocks(h, 20, new Random(1));

      assertThat(h.state.oldestAvailableHeight()).isEqualTo(16);
      assertThatThrownBy(() -> h.state.prove(key(1), 15))
          .isInstanceOfSatisfying(
              HistoricalStateUnavailableException.class,
              e -> {
                assertThat(e.requestedHeight()).isEqualTo(15);
                assertThat(e.oldestAvailable()).isEqualTo(16);
                assertThat(e.latest()).isEqualTo(20);
                assertThat(e.code()).isEqualTo("historical-state-unavailable");
              })
          .hasMessageContaining("heights 16 to 20");
      assertThatThrownBy(() -> h.state.rootAt(0))
          .isInstanceOf(HistoricalStateUnavailableException.class);
      assertProvableFrom(h, 16);
    }
  }

  @Test
  void heightsAboveTheLatestAreUnavailable() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      commitBlocks(h, 3, new Random(2));

      assertThatThrownBy(() -> h.state.prove(key(1), 4))
          .isInstanceOf(HistoricalStateUnavailableException.class)
          .hasMessageContaining("does not exist yet")
          .hasMessageContaining("latest committed height is 3");
      assertThatThrownBy(() -> h.state.rootAt(-1))
          .isInstanceOf(HistoricalStateUnavailableException.class);
    }
  }

  @Test
  void pruningKeepsEveryHeightInTheWindowProvable() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      commitBlocks(h, 30, new Random(3));

      assertThat(h.pruneAll(1000)).isPositive();

      assertProvableFrom(h, 26);
      assertThat(count(h, Column.STATE_ROOTS)).isEqualTo(5);
      assertThat(h.state.pruneStep(1000)).isZero();
    }
  }

  @Test
  void withAWindowOfOneOnlyTheLatestTreeRemains() {
    try (StateHarness h = new StateHarness(dir, SUITE, 1)) {
      commitBlocks(h, 25, new Random(4));

      h.pruneAll(17);

      int latestTreeNodes = new NaiveStateTree(SUITE).nodeCount(history.get(25L));
      assertThat(count(h, Column.STATE_NODES)).isEqualTo(latestTreeNodes);
      assertThat(count(h, Column.STATE_STALE)).isZero();
      assertThat(count(h, Column.STATE_ROOTS)).isEqualTo(1);
      assertProvableFrom(h, 25);
    }
  }

  @Test
  void aPruneStepDeletesAtMostItsChunk() {
    try (StateHarness h = new StateHarness(dir, SUITE, 2)) {
      commitBlocks(h, 20, new Random(5));
      // Window [19, 20]: roots of heights 0..18 go, and nodes that went stale at or before 19.
      int prunable =
          count(h, Column.STATE_ROOTS)
              - 2
              + h.db.scan(Column.STATE_STALE, new byte[0], heightKey(20), Integer.MAX_VALUE).size();

      int steps = 0;
      int deleted = 0;
      for (int n = h.state.pruneStep(7); n > 0; n = h.state.pruneStep(7)) {
        assertThat(n).isLessThanOrEqualTo(7);
        deleted += n;
        steps++;
      }

      assertThat(deleted).isEqualTo(prunable);
      assertThat(steps).isGreaterThanOrEqualTo((prunable + 6) / 7);
      assertThat(count(h, Column.STATE_STALE))
          .isEqualTo(h.db.scan(Column.STATE_STALE, heightKey(20), null, Integer.MAX_VALUE).size());
      assertProvableFrom(h, 19);
    }
  }

  @Test
  void aRestartInTheMiddleOfPruningLosesNothingAndResumes() {
    StateHarness h = new StateHarness(dir, SUITE, 4);
    try {
      Random random = new Random(6);
      commitBlocks(h, 30, random);
      assertThat(h.state.pruneStep(5)).isEqualTo(5);
      assertThat(h.state.pruneStep(5)).isEqualTo(5);
      int staleLeft = count(h, Column.STATE_STALE);

      h.reopen(4);

      assertThat(h.state.version()).isEqualTo(30);
      assertThat(h.state.root()).isEqualTo(roots.get(30L));
      assertThat(count(h, Column.STATE_STALE)).isEqualTo(staleLeft);
      assertProvableFrom(h, 27);
      h.pruneAll(50);
      assertProvableFrom(h, 27);

      commitBlocks(h, 10, random);
      h.pruneAll(50);
      assertProvableFrom(h, 37);
      assertThat(count(h, Column.STATE_ROOTS)).isEqualTo(4);
    } finally {
      h.close();
    }
  }

  @Test
  void aLargerWindowAfterARestartDoesNotClaimPrunedHeights() {
    try (StateHarness h = new StateHarness(dir, SUITE, 3)) {
      commitBlocks(h, 20, new Random(7));
      h.pruneAll(100);

      h.reopen(100);

      assertThat(h.state.oldestAvailableHeight()).isEqualTo(18);
      assertThatThrownBy(() -> h.state.prove(key(0), 17))
          .isInstanceOf(HistoricalStateUnavailableException.class)
          .hasMessageContaining("heights 18 to 20");
      commitBlocks(h, 5, new Random(8));
      assertThat(h.state.pruneStep(100)).isZero();
      assertProvableFrom(h, 18);
    }
  }

  @Test
  void nothingIsPrunedWhileTheHistoryFitsTheWindow() {
    try (StateHarness h = new StateHarness(dir, SUITE, 50)) {
      commitBlocks(h, 20, new Random(9));

      assertThat(h.state.pruneStep(100)).isZero();
      assertProvableFrom(h, 0);
    }
  }

  @Test
  void readersRacingWithCommitsAndPruningGetAValidProofOrTheTypedError() throws Exception {
    try (StateHarness h = new StateHarness(dir, SUITE, 2)) {
      Random random = new Random(10);
      commitBlocks(h, 5, random);
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger proved = new AtomicInteger();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                while (!done.get()) {
                  long height = h.state.oldestAvailableHeight();
                  try {
                    StateProof proof = h.state.prove(key(3), height);
                    Optional<byte[]> expected =
                        Optional.ofNullable(history.get(height).get(key(3)));
                    StateProofVerifier.Result r =
                        StateProofVerifier.verify(
                            SUITE, roots.get(height), "licence", "k3", expected, proof);
                    if (!r.valid()) {
                      failures.add(new AssertionError("at " + height + ": " + r.reason()));
                    }
                    proved.incrementAndGet();
                  } catch (HistoricalStateUnavailableException e) {
                    if (e.requestedHeight() >= e.oldestAvailable()) {
                      failures.add(e);
                    }
                  } catch (RuntimeException | AssertionError e) {
                    failures.add(e);
                  }
                }
              });
      reader.start();
      try {
        for (int block = 0; block < 40; block++) {
          commitBlocks(h, 1, random);
          h.state.pruneStep(3);
          h.state.pruneStep(3);
        }
      } finally {
        done.set(true);
        reader.join();
      }

      assertThat(failures).isEmpty();
      assertThat(proved.get()).isPositive();
    }
  }

  /** Commits {@code blocks} random blocks, recording each height's entries and root. */
  private void commitBlocks(StateHarness h, int blocks, Random random) {
    TreeMap<StateKey, byte[]> entries =
        new TreeMap<>(history.getOrDefault(h.state.version(), Map.of()));
    for (int b = 0; b < blocks; b++) {
      StateChanges changes = new StateChanges();
      for (int i = 0; i < 8; i++) {
        StateKey k = key(random.nextInt(KEYS));
        if (random.nextInt(4) == 0) {
          changes.delete(k);
          entries.remove(k);
        } else {
          byte[] v = ("v" + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
          changes.put(k, v);
          entries.put(k, v);
        }
      }
      h.commit(changes);
      history.put(h.state.version(), new TreeMap<>(entries));
      roots.put(h.state.version(), h.state.root());
    }
  }

  /** Every height from {@code oldest} to the latest proves every key as it was at that height. */
  private void assertProvableFrom(StateHarness h, long oldest) {
    assertThat(h.state.oldestAvailableHeight()).isEqualTo(oldest);
    for (long height = oldest; height <= h.state.version(); height++) {
      Map<StateKey, byte[]> entries = history.getOrDefault(height, Map.of());
      Bytes root = height == 0 ? h.state.rootAt(0) : roots.get(height);
      assertThat(h.state.rootAt(height)).isEqualTo(root);
      for (int i = 0; i < KEYS; i++) {
        StateProof proof = h.state.prove(key(i), height);
        StateProofVerifier.Result result =
            StateProofVerifier.verify(
                SUITE, root, "licence", "k" + i, Optional.ofNullable(entries.get(key(i))), proof);
        assertThat(result.valid()).as("k%d at %d: %s", i, height, result.reason()).isTrue();
      }
    }
  }

  private static int count(StateHarness h, Column column) {
    return h.db.scan(column, new byte[0], null, Integer.MAX_VALUE).size();
  }

  private static byte[] heightKey(long height) {
    return ByteBuffer.allocate(8).putLong(height).array();
  }

  private static StateKey key(int i) {
    return new StateKey("licence", "k" + i);
  }
}
