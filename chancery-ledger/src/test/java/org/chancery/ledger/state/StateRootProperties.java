package org.chancery.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * The root is a function of the final set of entries alone: any history of puts and deletes, cut
 * into blocks anywhere, gives the root that writing the final entries in one block gives, which is
 * the naive tree's root of those entries.
 */
class StateRootProperties {

  /** One write: a put of {@code value}, or a delete when it is null. */
  record Op(StateKey key, byte[] value) {
    @Override
    public String toString() {
      return key.contract() + "/" + key.key() + (value == null ? " delete" : " = " + value.length);
    }
  }

  @Provide
  Arbitrary<CryptoSuite> suites() {
    return Arbitraries.of(CryptoSuite.byName("sm"), CryptoSuite.byName("nist"));
  }

  /** Up to 150 writes over 40 keys with few distinct values, so repeats and re-puts are common. */
  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<StateKey> keys =
        Combinators.combine(
                Arbitraries.of("evidence", "licence"), Arbitraries.integers().between(0, 19))
            .as((c, i) -> new StateKey(c, "k" + i));
    Arbitrary<byte[]> values =
        Arbitraries.bytes()
            .between((byte) 0, (byte) 2)
            .array(byte[].class)
            .ofMaxSize(3)
            .injectNull(0.3);
    return Combinators.combine(keys, values).as(Op::new).list().ofMaxSize(150);
  }

  @Property(tries = 100)
  void rootDependsOnlyOnTheFinalEntriesNotOnOrderOrBlockBoundaries(
      @ForAll("suites") CryptoSuite suite, @ForAll("histories") List<Op> history, @ForAll long seed)
      throws IOException {
    Random random = new Random(seed);
    Map<StateKey, byte[]> finalEntries = new LinkedHashMap<>();
    for (Op op : history) {
      if (op.value() == null) {
        finalEntries.remove(op.key());
      } else {
        finalEntries.put(op.key(), op.value());
      }
    }
    byte[] expected = new NaiveStateTree(suite).root(finalEntries);

    List<Op> shuffledFinal = new ArrayList<>();
    finalEntries.forEach((k, v) -> shuffledFinal.add(new Op(k, v)));
    Collections.shuffle(shuffledFinal, random);

    Path dir = Files.createTempDirectory("state-root-property");
    try {
      Bytes historyInBlocks = rootAfter(dir.resolve("a"), suite, history, random);
      Bytes finalInBlocks = rootAfter(dir.resolve("b"), suite, shuffledFinal, random);
      Bytes finalInOneBlock = rootAfter(dir.resolve("c"), suite, shuffledFinal, null);

      assertThat(historyInBlocks.toArray()).isEqualTo(expected);
      assertThat(finalInBlocks.toArray()).isEqualTo(expected);
      assertThat(finalInOneBlock.toArray()).isEqualTo(expected);
    } finally {
      deleteRecursively(dir);
    }
  }

  @Property(tries = 40)
  void writingThenRemovingExtraKeysLeavesTheRootUnchanged(
      @ForAll("suites") CryptoSuite suite,
      @ForAll("histories") List<Op> base,
      @ForAll("histories") List<Op> extra)
      throws IOException {
    Path dir = Files.createTempDirectory("state-root-property");
    try (StateHarness h = new StateHarness(dir, suite, 4)) {
      h.commit(block(base));
      Bytes before = h.state.root();
      // Add keys the base does not have, then delete them again in a later block.
      List<Op> added = new ArrayList<>();
      for (Op op : extra) {
        StateKey fresh = new StateKey("extra", op.key().contract() + op.key().key());
        added.add(new Op(fresh, op.value() == null ? new byte[0] : op.value()));
      }
      h.commit(block(added));
      List<Op> removed = added.stream().map(op -> new Op(op.key(), null)).toList();
      h.commit(block(removed));

      assertThat(h.state.root()).isEqualTo(before);
      assertThat(h.state.rootAt(h.state.version() - 2)).isEqualTo(before);
    } finally {
      deleteRecursively(dir);
    }
  }

  /** Commits {@code ops} in blocks cut at random places ({@code random} null: one block). */
  private static Bytes rootAfter(Path dir, CryptoSuite suite, List<Op> ops, Random random) {
    try (StateHarness h = new StateHarness(dir, suite, 1000)) {
      int i = 0;
      do {
        int size = random == null ? ops.size() : random.nextInt(Math.max(1, ops.size() / 3) + 1);
        int end = Math.min(ops.size(), i + size);
        h.commit(block(ops.subList(i, end)));
        i = end;
      } while (i < ops.size());
      return h.state.root();
    }
  }

  private static StateChanges block(List<Op> ops) {
    StateChanges changes = new StateChanges();
    for (Op op : ops) {
      if (op.value() == null) {
        changes.delete(op.key());
      } else {
        changes.put(op.key(), op.value());
      }
    }
    return changes;
  }

  private static void deleteRecursively(Path dir) throws IOException {
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
}
