package org.chancery.consensus.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.chancery.consensus.types.MessageSigner;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarded signer: one message per height, round and step, durable before it is returned. */
class GuardedSignerTest {
  private static final TestValidators VALIDATORS = new TestValidators();
  private static final MessageSigner A = VALIDATORS.signer("a");
  private static final ValueId X = ValueId.ofText("x");
  private static final ValueId Y = ValueId.ofText("y");

  @TempDir Path dir;

  @Test
  void askedAgainForASignedSlotItReturnsTheEarlierMessage() {
    GuardedSigner signer = new GuardedSigner(new InMemoryWal(), A);
    SignedVote first = signer.sign(Vote.prevote(1, 0, X, "a"));

    assertThat(signer.sign(Vote.prevote(1, 0, Y, "a"))).isSameAs(first);
    assertThat(signer.sign(Vote.prevote(1, 0, null, "a"))).isSameAs(first);
  }

  @Test
  void askedAgainForASignedProposalSlotItReturnsTheEarlierProposal() {
    GuardedSigner signer = new GuardedSigner(new InMemoryWal(), A);
    SignedProposal first = signer.sign(new Proposal(1, 0, X, -1, "a"));

    assertThat(signer.sign(new Proposal(1, 0, Y, -1, "a"))).isSameAs(first);
  }

  @Test
  void differentSlotsAreSignedAndRecorded() {
    InMemoryWal wal = new InMemoryWal();
    GuardedSigner signer = new GuardedSigner(wal, A);

    SignedVote prevote = signer.sign(Vote.prevote(1, 0, X, "a"));
    SignedVote precommit = signer.sign(Vote.precommit(1, 0, X, "a"));
    SignedVote nextRound = signer.sign(Vote.prevote(1, 1, Y, "a"));
    SignedProposal proposal = signer.sign(new Proposal(1, 1, Y, -1, "a"));

    assertThat(wal.entriesFrom(0))
        .containsExactly(
            new WalEntry.VoteSigned(prevote),
            new WalEntry.VoteSigned(precommit),
            new WalEntry.VoteSigned(nextRound),
            new WalEntry.ProposalSigned(proposal));
  }

  @Test
  void aSignerOnAReopenedFileWalReturnsWhatWasSignedBeforeTheRestart() {
    SignedVote before;
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      before = new GuardedSigner(wal, A).sign(Vote.precommit(4, 2, X, "a"));
    }

    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      assertThat(new GuardedSigner(wal, A).sign(Vote.precommit(4, 2, Y, "a"))).isEqualTo(before);
    }
  }

  @Test
  void committedForgetsThatHeightAndTruncatesTheWal() {
    InMemoryWal wal = new InMemoryWal();
    GuardedSigner signer = new GuardedSigner(wal, A);
    SignedVote old = signer.sign(Vote.prevote(1, 0, X, "a"));
    SignedVote kept = signer.sign(Vote.prevote(2, 0, X, "a"));

    signer.committed(1);

    assertThat(wal.entriesFrom(0)).containsExactly(new WalEntry.VoteSigned(kept));
    assertThat(signer.sign(Vote.prevote(2, 0, Y, "a"))).isSameAs(kept);
    assertThat(signer.sign(Vote.prevote(1, 0, Y, "a"))).isNotEqualTo(old);
  }

  @Test
  void aMessageTheWalCouldNotRecordIsNotReturned() {
    CrashingStorage storage = new CrashingStorage();
    GuardedSigner signer = new GuardedSigner(new FileConsensusWal(dir, storage), A);
    storage.arm(
        CrashingStorage.Operation.FORCE, CrashingStorage.When.BEFORE, CrashingStorage.Fault.FAIL);

    assertThatThrownBy(() -> signer.sign(Vote.prevote(1, 0, X, "a")))
        .isInstanceOf(WalException.class);
  }

  @Test
  void theLockIsTheHighestRoundPrecommitForAValue() {
    GuardedSigner signer = new GuardedSigner(new InMemoryWal(), A);
    signer.sign(Vote.precommit(5, 0, X, "a"));
    SignedVote relock = signer.sign(Vote.precommit(5, 2, Y, "a"));
    signer.sign(Vote.precommit(5, 3, null, "a"));
    signer.sign(Vote.prevote(5, 4, X, "a"));
    signer.sign(Vote.precommit(6, 0, X, "a"));

    assertThat(signer.lockedAt(5)).contains(relock);
    assertThat(signer.lockedAt(7)).isEmpty();
  }
}
