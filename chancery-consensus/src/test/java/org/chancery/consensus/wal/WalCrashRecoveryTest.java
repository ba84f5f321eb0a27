package org.chancery.consensus.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chancery.consensus.types.ConsensusMessage;
import org.chancery.consensus.types.MessageSigner;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.wal.CrashingStorage.Fault;
import org.chancery.consensus.wal.CrashingStorage.Operation;
import org.chancery.consensus.wal.CrashingStorage.SimulatedCrash;
import org.chancery.consensus.wal.CrashingStorage.Unsynced;
import org.chancery.consensus.wal.CrashingStorage.When;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crash at every persistence point of the file WAL, then a restart: the WAL reopens, and a {@link
 * GuardedSigner} on it never signs a message conflicting with one that may have been sent. A
 * message may have been sent only if its append returned; unsynced bytes may be lost, torn or kept
 * by the power cut.
 */
class WalCrashRecoveryTest {
  private static final TestValidators VALIDATORS = new TestValidators();
  private static final MessageSigner A = VALIDATORS.signer("a");
  private static final ValueId X = ValueId.ofText("x");
  private static final ValueId Y = ValueId.ofText("y");

  @TempDir Path dir;

  static Stream<Arguments> appendCrashes() {
    return crossWithUnsynced(
        List.of(
            Arguments.of(Operation.WRITE, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.WRITE, When.BEFORE, Fault.DIE),
            Arguments.of(Operation.WRITE, When.AFTER, Fault.DIE),
            Arguments.of(Operation.FORCE, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.FORCE, When.AFTER, Fault.DIE)));
  }

  static Stream<Arguments> truncationCrashes() {
    return crossWithUnsynced(
        List.of(
            Arguments.of(Operation.WRITE, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.WRITE, When.BEFORE, Fault.DIE),
            Arguments.of(Operation.WRITE, When.AFTER, Fault.DIE),
            Arguments.of(Operation.FORCE, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.FORCE, When.AFTER, Fault.DIE),
            Arguments.of(Operation.MOVE, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.MOVE, When.BEFORE, Fault.DIE),
            Arguments.of(Operation.MOVE, When.AFTER, Fault.DIE),
            Arguments.of(Operation.SYNC_DIRECTORY, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.SYNC_DIRECTORY, When.AFTER, Fault.DIE)));
  }

  @ParameterizedTest(name = "{2} {1} {0}, unsynced data {3}")
  @MethodSource("appendCrashes")
  void aCrashDuringAnAppendNeverLeadsToAConflictingSignature(
      Operation operation, When when, Fault fault, Unsynced unsynced) throws IOException {
    CrashingStorage storage = new CrashingStorage();
    List<ConsensusMessage> sent = new ArrayList<>();
    GuardedSigner signer = new GuardedSigner(new FileConsensusWal(dir, storage), A);
    sent.add(signer.sign(Vote.prevote(1, 0, X, "a")));
    storage.arm(operation, when, fault);
    RuntimeException crash = attempt(() -> sent.add(signer.sign(Vote.precommit(1, 0, X, "a"))));
    storage.crash(unsynced);

    assertThat(storage.fired()).isTrue();
    assertThat(crash).isInstanceOfAny(WalException.class, SimulatedCrash.class);
    try (FileConsensusWal reopened = FileConsensusWal.open(dir)) {
      assertThat(reopened.entriesFrom(0))
          .hasSizeBetween(1, 2)
          .first()
          .isEqualTo(entry(sent.get(0)));
      GuardedSigner restarted = new GuardedSigner(reopened, A);
      sent.add(restarted.sign(Vote.prevote(1, 0, Y, "a")));
      sent.add(restarted.sign(Vote.precommit(1, 0, Y, "a")));
    }
    SignedSlots.assertNoConflicts(sent);
  }

  @ParameterizedTest(name = "{2} {1} {0}, unsynced data {3}")
  @MethodSource("truncationCrashes")
  void aCrashDuringTruncationLeavesTheOldOrTheNewLogComplete(
      Operation operation, When when, Fault fault, Unsynced unsynced) throws IOException {
    CrashingStorage storage = new CrashingStorage();
    List<ConsensusMessage> sent = new ArrayList<>();
    GuardedSigner signer = new GuardedSigner(new FileConsensusWal(dir, storage), A);
    for (long h = 1; h <= 3; h++) {
      sent.add(signer.sign(Vote.prevote(h, 0, X, "a")));
      sent.add(signer.sign(Vote.precommit(h, 0, X, "a")));
    }
    storage.arm(operation, when, fault);
    RuntimeException crash = attempt(() -> signer.committed(2));
    storage.crash(unsynced);

    assertThat(storage.fired()).isTrue();
    assertThat(crash).isInstanceOfAny(WalException.class, SimulatedCrash.class);
    List<WalEntry> all = sent.stream().map(WalCrashRecoveryTest::entry).toList();
    try (FileConsensusWal reopened = FileConsensusWal.open(dir)) {
      assertThat(reopened.entriesFrom(0)).isIn(all, all.subList(4, 6));
      GuardedSigner restarted = new GuardedSigner(reopened, A, 3);
      sent.add(restarted.sign(Vote.prevote(3, 0, Y, "a")));
      sent.add(restarted.sign(Vote.precommit(3, 0, Y, "a")));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve(FileConsensusWal.FILE_NAME));
    }
    SignedSlots.assertNoConflicts(sent);
  }

  /** Runs {@code action}, returning the failure that ended it, or null. */
  private static RuntimeException attempt(Runnable action) {
    try {
      action.run();
      return null;
    } catch (WalException | SimulatedCrash e) {
      return e;
    }
  }

  private static WalEntry entry(ConsensusMessage m) {
    return switch (m) {
      case org.chancery.consensus.types.SignedProposal p -> new WalEntry.ProposalSigned(p);
      case org.chancery.consensus.types.SignedVote v -> new WalEntry.VoteSigned(v);
    };
  }

  private static Stream<Arguments> crossWithUnsynced(List<Arguments> points) {
    return points.stream()
        .flatMap(
            p ->
                Stream.of(Unsynced.values())
                    .map(u -> Arguments.of(p.get()[0], p.get()[1], p.get()[2], u)));
  }
}
