package org.chancery.consensus.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.chancery.consensus.driver.ConsensusDriver;
import org.chancery.consensus.driver.DriverInput;
import org.chancery.consensus.driver.DriverOutput;
import org.chancery.consensus.driver.TimeoutSchedule;
import org.chancery.consensus.driver.Validity;
import org.chancery.consensus.driver.WeightedRoundRobin;
import org.chancery.consensus.types.ConsensusMessage;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.consensus.wal.CrashingStorage.Fault;
import org.chancery.consensus.wal.CrashingStorage.Operation;
import org.chancery.consensus.wal.CrashingStorage.SimulatedCrash;
import org.chancery.consensus.wal.CrashingStorage.Unsynced;
import org.chancery.consensus.wal.CrashingStorage.When;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real {@link ConsensusDriver} for validator a of a, b, c, d, crashed at every persistence point
 * of the WAL while it prevotes or precommits in round 0 of height 1, then restarted from scratch
 * ({@code StartHeight}) on the reopened WAL. The proposer b then equivocates: it proposes another
 * value for the same round and b, c, d prevote it, which would make a validator without its WAL
 * prevote and precommit differently in round 0. Every message the restarted validator sends for a
 * slot it had already sent must be byte-identical to the earlier one.
 */
class DriverCrashRestartTest {
  private static final TestValidators VALIDATORS = new TestValidators();
  private static final TimeoutSchedule TIMEOUTS =
      new TimeoutSchedule(3000, 500, 1000, 500, 1000, 250);
  private static final ValueId X = ValueId.ofText("block x");
  private static final ValueId Y = ValueId.ofText("block y");

  @TempDir Path dir;

  /** Which of a's two appends in round 0 the crash hits: 1 the prevote, 2 the precommit. */
  static Stream<Arguments> crashes() {
    List<Arguments> points =
        List.of(
            Arguments.of(Operation.WRITE, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.WRITE, When.BEFORE, Fault.DIE),
            Arguments.of(Operation.WRITE, When.AFTER, Fault.DIE),
            Arguments.of(Operation.FORCE, When.BEFORE, Fault.FAIL),
            Arguments.of(Operation.FORCE, When.AFTER, Fault.DIE));
    return Stream.of(1, 2)
        .flatMap(
            append ->
                points.stream()
                    .flatMap(
                        p ->
                            Stream.of(Unsynced.values())
                                .map(
                                    u ->
                                        Arguments.of(
                                            append, p.get()[0], p.get()[1], p.get()[2], u))));
  }

  @ParameterizedTest(name = "append {0}: {3} {2} {1}, unsynced data {4}")
  @MethodSource("crashes")
  void aRestartedValidatorResendsExactlyWhatItSignedBefore(
      int append, Operation operation, When when, Fault fault, Unsynced unsynced)
      throws IOException {
    CrashingStorage storage = new CrashingStorage();
    Node before =
        new Node(new GuardedSigner(new FileConsensusWal(dir, storage), VALIDATORS.signer("a")));
    List<DriverInput> roundZero = roundZeroFor(X);
    // Inputs 1 (the proposal) and 3 (c's prevote, completing the polka) make a sign.
    int armBefore = append == 1 ? 1 : 3;
    for (int i = 0; i < roundZero.size(); i++) {
      if (i == armBefore) {
        storage.arm(operation, when, fault);
      }
      if (!before.apply(roundZero.get(i))) {
        break;
      }
    }
    storage.crash(unsynced);
    assertThat(storage.fired()).isTrue();
    assertThat(before.sent).hasSize(append - 1);

    try (FileConsensusWal reopened = FileConsensusWal.open(dir)) {
      Node after = new Node(new GuardedSigner(reopened, VALIDATORS.signer("a"), 1));
      for (DriverInput in : equivocationFor()) {
        assertThat(after.apply(in)).isTrue();
      }

      assertThat(votes(after.sent, VoteType.PREVOTE))
          .as("the restarted validator prevoted")
          .isNotEmpty();
      List<ConsensusMessage> all = new ArrayList<>(before.sent);
      all.addAll(after.sent);
      SignedSlots.assertNoConflicts(all);
    }
  }

  @Test
  void withoutItsWalARestartedValidatorWouldVoteDifferentlyInTheSameRound() {
    Node before = new Node(new GuardedSigner(new InMemoryWal(), VALIDATORS.signer("a")));
    roundZeroFor(X).forEach(before::apply);
    Node amnesiac = new Node(new GuardedSigner(new InMemoryWal(), VALIDATORS.signer("a")));
    equivocationFor().forEach(amnesiac::apply);

    assertThat(votes(before.sent, VoteType.PREVOTE))
        .extracting(v -> v.vote().value())
        .containsExactly(Optional.of(X));
    assertThat(votes(amnesiac.sent, VoteType.PREVOTE))
        .extracting(v -> v.vote().value())
        .containsExactly(Optional.of(Y));
    assertThat(votes(amnesiac.sent, VoteType.PRECOMMIT))
        .extracting(v -> v.vote().value())
        .containsExactly(Optional.of(Y));
  }

  @Test
  void aRestartedValidatorKeepsItsLockInLaterRounds() {
    InMemoryWal wal = new InMemoryWal();
    Node before = new Node(new GuardedSigner(wal, VALIDATORS.signer("a")));
    roundZeroFor(X).forEach(before::apply);
    assertThat(votes(before.sent, VoteType.PRECOMMIT))
        .extracting(v -> v.vote().value())
        .containsExactly(Optional.of(X));

    GuardedSigner reopened = new GuardedSigner(wal, VALIDATORS.signer("a"), 1);
    assertThat(reopened.lock(1)).contains(new DriverInput.Lock(0, X));
    assertThat(reopened.proofOfLock(1))
        .extracting(v -> v.vote().validator())
        .containsExactlyInAnyOrder("a", "b", "c");
    Node after = new Node(reopened);
    roundOneAfterRestart(reopened.proofOfLock(1), reopened.lock(1)).forEach(after::apply);

    assertThat(votes(after.sent, VoteType.PREVOTE))
        .filteredOn(v -> v.vote().round() == 1)
        .extracting(v -> v.vote().value())
        .as("locked on x in round 0, it prevotes nil for a fresh y in round 1 (lines 22-25)")
        .containsExactly(Optional.empty());
  }

  @Test
  void withoutItsRestoredLockItWouldPrevoteAgainstIt() {
    InMemoryWal wal = new InMemoryWal();
    Node before = new Node(new GuardedSigner(wal, VALIDATORS.signer("a")));
    roundZeroFor(X).forEach(before::apply);
    Node forgetful = new Node(new GuardedSigner(wal, VALIDATORS.signer("a"), 1));
    roundOneAfterRestart(List.of(), Optional.empty()).forEach(forgetful::apply);

    assertThat(votes(forgetful.sent, VoteType.PREVOTE))
        .filteredOn(v -> v.vote().round() == 1)
        .extracting(v -> v.vote().value())
        .containsExactly(Optional.of(Y));
  }

  /**
   * After a restart at height 1: b and d prevote nil in round 1 (f+1 from a higher round, so a
   * skips to it, line 55), and round 1's proposer c proposes a fresh y.
   */
  private static List<DriverInput> roundOneAfterRestart(
      List<SignedVote> proof, Optional<DriverInput.Lock> lock) {
    return List.of(
        new DriverInput.StartHeight(1, VALIDATORS.validators, proof, List.of(), lock),
        new DriverInput.VoteReceived(VALIDATORS.signer("b").sign(Vote.prevote(1, 1, null, "b"))),
        new DriverInput.VoteReceived(VALIDATORS.signer("d").sign(Vote.prevote(1, 1, null, "d"))),
        new DriverInput.ProposalReceived(
            VALIDATORS.signer("c").sign(new Proposal(1, 1, Y, -1, "c")), Validity.VALID));
  }

  /** Height 1, round 0: b proposes {@code value}; b and c prevote it, so a precommits it. */
  private static List<DriverInput> roundZeroFor(ValueId value) {
    return List.of(
        new DriverInput.StartHeight(1, VALIDATORS.validators),
        proposalBy("b", value),
        prevoteBy("b", value),
        prevoteBy("c", value));
  }

  /** After the restart: b's second proposal for round 0, and a polka for it from b, c, d. */
  private static List<DriverInput> equivocationFor() {
    return List.of(
        new DriverInput.StartHeight(1, VALIDATORS.validators),
        proposalBy("b", Y),
        prevoteBy("b", Y),
        prevoteBy("c", Y),
        prevoteBy("d", Y));
  }

  private static DriverInput proposalBy(String proposer, ValueId value) {
    SignedProposal p = VALIDATORS.signer(proposer).sign(new Proposal(1, 0, value, -1, proposer));
    return new DriverInput.ProposalReceived(p, Validity.VALID);
  }

  private static DriverInput prevoteBy(String validator, ValueId value) {
    return new DriverInput.VoteReceived(
        VALIDATORS.signer(validator).sign(Vote.prevote(1, 0, value, validator)));
  }

  private static List<SignedVote> votes(List<ConsensusMessage> sent, VoteType type) {
    return sent.stream()
        .filter(SignedVote.class::isInstance)
        .map(SignedVote.class::cast)
        .filter(v -> v.vote().type() == type)
        .toList();
  }

  /**
   * Validator a as a node runs it: every proposal or vote the driver asks for is signed through the
   * guarded signer (durable in the WAL first), then sent, then delivered back to the driver.
   */
  private static final class Node {
    final ConsensusDriver driver = new ConsensusDriver("a", new WeightedRoundRobin(), TIMEOUTS);
    final List<ConsensusMessage> sent = new ArrayList<>();
    private final GuardedSigner signer;

    Node(GuardedSigner signer) {
      this.signer = signer;
    }

    /** Applies {@code input}; false if the process died (or its WAL failed) on the way. */
    boolean apply(DriverInput input) {
      Deque<DriverInput> queue = new ArrayDeque<>();
      queue.add(input);
      try {
        while (!queue.isEmpty()) {
          for (DriverOutput o : driver.apply(queue.poll())) {
            switch (o) {
              case DriverOutput.BroadcastVote v -> {
                SignedVote signed =
                    v.vote().type() == VoteType.PRECOMMIT && v.vote().value().isPresent()
                        ? signer.sign(
                            v.vote(), driver.prevotesFor(v.vote().round(), v.vote().value().get()))
                        : signer.sign(v.vote());
                sent.add(signed);
                queue.add(new DriverInput.VoteReceived(signed));
              }
              case DriverOutput.BroadcastProposal p -> {
                SignedProposal signed = signer.sign(p.proposal());
                sent.add(signed);
                queue.add(new DriverInput.ProposalReceived(signed, Validity.VALID));
              }
              default -> {}
            }
          }
        }
        return true;
      } catch (WalException | SimulatedCrash e) {
        return false;
      }
    }
  }
}
