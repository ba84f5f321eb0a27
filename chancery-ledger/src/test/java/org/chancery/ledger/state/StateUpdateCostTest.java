package org.chancery.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block costs hashes and node reads in proportion to its changed keys times the tree's depth
 * (about log2 of the number of keys), not to the size of the state.
 */
class StateUpdateCostTest {
  private static final CryptoSuite SUITE = CryptoSuite.byName("sm");
  private static final int KEYS = 20_000;

  @TempDir Path dir;

  @Test
  void aBlockCostsAboutChangedKeysTimesDepthHashesAndReads() {
    try (StateHarness h = new StateHarness(dir, SUITE, 10)) {
      Random random = new Random(42);
      for (int block = 0; block < 4; block++) {
        StateChanges load = new StateChanges();
        for (int i = block * KEYS / 4; i < (block + 1) * KEYS / 4; i++) {
          load.put(key(i), value(random));
        }
        h.commit(load);
      }
      double depth = Math.log(KEYS) / Math.log(2);

      for (int changed : new int[] {1, 10, 1000}) {
        StateChanges block = new StateChanges();
        while (block.size() < changed) {
          block.put(key(random.nextInt(KEYS)), value(random));
        }
        SparseMerkleState.PreparedVersion prepared = h.commit(block);

        // Per key: its key hash, value hash and leaf hash, plus the internal nodes on its path;
        // paths share their top levels, so a large block costs less per key.
        assertThat(prepared.hashOperations())
            .as("hashes for %d changed keys", changed)
            .isLessThanOrEqualTo((int) (changed * (3 + depth + 4)));
        assertThat(prepared.nodeReads())
            .as("node reads for %d changed keys", changed)
            .isLessThanOrEqualTo((int) (changed * (depth + 4)));
        assertThat(prepared.nodesWritten()).isLessThanOrEqualTo((int) (changed * (depth + 5)));
        assertThat(prepared.nodesReplaced()).isEqualTo(prepared.nodesWritten());
      }
    }
  }

  private static StateKey key(int i) {
    return new StateKey("evidence", "document-" + i);
  }

  private static byte[] value(Random random) {
    byte[] v = new byte[32];
    random.nextBytes(v);
    return v;
  }
}
