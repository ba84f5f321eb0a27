package org.chancery.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.state.StateProofVerifier;
import org.chancery.core.state.StateTreeHashing;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.store.LedgerDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a restart finds: the state exactly as of the last committed batch, whether the node stopped
 * cleanly, with a version prepared and written into a batch that was never committed, or with a
 * proposal prepared and abandoned.
 */
class StateRecoveryTest {
  private static final CryptoSuite SUITE = CryptoSuite.byName("nist");

  @TempDir Path dir;

  @Test
  void anEmptyDatabaseIsVersionZeroWithTheEmptyRoot() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      assertThat(h.state.version()).isZero();
      assertThat(h.state.root()).isEqualTo(StateTreeHashing.emptyHash());
      assertThat(h.state.rootAt(0)).isEqualTo(StateTreeHashing.emptyHash());
      assertThat(value(h, "a")).isNull();
    }
  }

  @Test
  void aBatchWrittenButNeverCommittedLeavesTheOldStateReadable() {
    Bytes rootAtTwo;
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      h.commit(StateHarness.changes(Map.of(key("a"), utf8("1"), key("b"), utf8("2"))));
      h.commit(StateHarness.changes(Map.of(key("c"), utf8("3"))));
      rootAtTwo = h.state.root();

      StateChanges third = new StateChanges();
      third.put(key("a"), utf8("changed"));
      third.delete(key("b"));
      third.put(key("d"), utf8("4"));
      SparseMerkleState.PreparedVersion prepared = h.state.prepare(third, 3);
      try (LedgerDatabase.Batch batch = h.db.newBatch()) {
        prepared.writeTo(batch);
        assertThat(batch.count()).isPositive();
        // The node dies here: the batch never reaches the database.
      }
    }

    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      assertThat(h.state.version()).isEqualTo(2);
      assertThat(h.state.root()).isEqualTo(rootAtTwo);
      assertThat(value(h, "a")).isEqualTo("1");
      assertThat(value(h, "b")).isEqualTo("2");
      assertThat(value(h, "d")).isNull();
      assertThat(
              StateProofVerifier.verify(
                      SUITE,
                      rootAtTwo,
                      "licence",
                      "a",
                      Optional.of(utf8("1")),
                      h.state.prove(key("a"), 2))
                  .valid())
          .isTrue();
      // And the chain goes on from height 3 with the block the network decided.
      h.commit(StateHarness.changes(Map.of(key("e"), utf8("5"))));
      assertThat(h.state.version()).isEqualTo(3);
    }
  }

  @Test
  void reopeningAfterCommittedBlocksRecoversVersionRootValuesAndHistory() {
    Bytes rootAtOne;
    Bytes rootAtTwo;
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      h.commit(StateHarness.changes(Map.of(key("a"), utf8("1"), key("b"), utf8("2"))));
      rootAtOne = h.state.root();
      StateChanges second = new StateChanges();
      second.delete(key("a"));
      second.put(key("c"), utf8("3"));
      h.commit(second);
      rootAtTwo = h.state.root();
    }

    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      assertThat(h.state.version()).isEqualTo(2);
      assertThat(h.state.root()).isEqualTo(rootAtTwo);
      assertThat(h.state.rootAt(1)).isEqualTo(rootAtOne);
      assertThat(value(h, "a")).isNull();
      assertThat(value(h, "b")).isEqualTo("2");
      assertThat(value(h, "c")).isEqualTo("3");
      assertThat(
              StateProofVerifier.verify(
                      SUITE,
                      rootAtOne,
                      "licence",
                      "a",
                      Optional.of(utf8("1")),
                      h.state.prove(key("a"), 1))
                  .valid())
          .isTrue();
    }
  }

  @Test
  void anAbandonedProposalLeavesNoTrace() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      h.commit(StateHarness.changes(Map.of(key("a"), utf8("1"))));
      Bytes before = h.state.root();

      StateChanges proposalA = new StateChanges();
      proposalA.put(key("a"), utf8("from A"));
      proposalA.put(key("x"), utf8("only in A"));
      SparseMerkleState.PreparedVersion a = h.state.prepare(proposalA, 2);
      assertThat(a.root()).isNotEqualTo(before);
      assertThat(h.state.root()).isEqualTo(before);
      assertThat(h.state.version()).isEqualTo(1);
      assertThat(value(h, "a")).isEqualTo("1");

      StateChanges proposalB = new StateChanges();
      proposalB.put(key("b"), utf8("from B"));
      h.commit(proposalB);

      Map<StateKey, byte[]> expected = Map.of(key("a"), utf8("1"), key("b"), utf8("from B"));
      assertThat(h.state.root().toArray()).isEqualTo(new NaiveStateTree(SUITE).root(expected));
      assertThat(value(h, "x")).isNull();
    }
  }

  @Test
  void aVersionPreparedOnAnOlderStateCannotBeMarkedCommitted() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      SparseMerkleState.PreparedVersion stale =
          h.state.prepare(StateHarness.changes(Map.of(key("a"), utf8("1"))), 1);
      h.commit(StateHarness.changes(Map.of(key("b"), utf8("2"))));

      assertThatThrownBy(() -> h.state.committed(stale))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no longer the latest");
    }
  }

  @Test
  void aVersionPreparedByAnotherStateCannotBeMarkedCommitted(@TempDir Path other) {
    try (StateHarness h = new StateHarness(dir, SUITE, 5);
        StateHarness o = new StateHarness(other, SUITE, 5)) {
      SparseMerkleState.PreparedVersion foreign =
          o.state.prepare(StateHarness.changes(Map.of(key("a"), utf8("1"))), 1);

      assertThatThrownBy(() -> h.state.committed(foreign))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not prepared by this state");
    }
  }

  @Test
  void preparingAnyHeightButTheNextIsRefused() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      h.commit(new StateChanges());

      assertThatThrownBy(() -> h.state.prepare(new StateChanges(), 3))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("latest committed height is 1");
      assertThatThrownBy(() -> h.state.prepare(new StateChanges(), 1))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aBlockWithoutStateChangesKeepsTheRootAndIsAVersion() {
    try (StateHarness h = new StateHarness(dir, SUITE, 5)) {
      h.commit(StateHarness.changes(Map.of(key("a"), utf8("1"))));
      Bytes root = h.state.root();
      SparseMerkleState.PreparedVersion empty = h.commit(new StateChanges());

      assertThat(empty.nodesWritten()).isZero();
      assertThat(h.state.version()).isEqualTo(2);
      assertThat(h.state.root()).isEqualTo(root);
      assertThat(h.state.rootAt(2)).isEqualTo(root);
      h.reopen(5);
      assertThat(h.state.version()).isEqualTo(2);
      assertThat(h.state.root()).isEqualTo(root);
    }
  }

  private static StateKey key(String k) {
    return new StateKey("licence", k);
  }

  private static String value(StateHarness h, String k) {
    return h.state.get(key(k)).map(v -> new String(v, StandardCharsets.UTF_8)).orElse(null);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
