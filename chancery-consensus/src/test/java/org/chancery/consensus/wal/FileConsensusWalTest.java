package org.chancery.consensus.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.core.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file WAL without crashes: what is appended is read back, truncation, recovery on open. */
class FileConsensusWalTest {
  private static final ValueId X = ValueId.ofText("x");

  @TempDir Path dir;

  @Test
  void reopeningReturnsExactlyTheAppendedEntriesInOrder() {
    List<WalEntry> appended =
        List.of(prevote(1, 0), precommit(1, 0), proposal(2, 0), prevote(2, 0), precommit(2, 1));
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      appended.forEach(wal::append);
    }

    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      assertThat(wal.entriesFrom(0)).containsExactlyElementsOf(appended);
      assertThat(wal.recovery()).isEqualTo(new FileConsensusWal.Recovery(5, 0, false));
    }
  }

  @Test
  void entriesFromSkipsLowerHeights() {
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      List.of(prevote(1, 0), prevote(2, 0), prevote(3, 0)).forEach(wal::append);

      assertThat(wal.entriesFrom(2)).containsExactly(prevote(2, 0), prevote(3, 0));
    }
  }

  @Test
  void truncateBelowKeepsTheHigherHeightsAcrossReopen() {
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      List.of(prevote(1, 0), proposal(2, 0), prevote(2, 0), prevote(3, 0)).forEach(wal::append);
      wal.truncateBelow(2);
      wal.append(precommit(3, 0));
    }

    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      assertThat(wal.entriesFrom(0))
          .containsExactly(proposal(2, 0), prevote(2, 0), prevote(3, 0), precommit(3, 0));
    }
  }

  @Test
  void truncationLeavesOneFile() throws IOException {
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      List.of(prevote(1, 0), prevote(2, 0)).forEach(wal::append);
      wal.truncateBelow(2);
      wal.truncateBelow(3);
    }

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve(FileConsensusWal.FILE_NAME));
    }
  }

  @Test
  void aTornLastRecordIsCutOffOnOpenAndTheLogGrowsOnFromThere() throws IOException {
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      List.of(prevote(1, 0), precommit(1, 0)).forEach(wal::append);
    }
    Path file = dir.resolve(FileConsensusWal.FILE_NAME);
    long clean = Files.size(file);
    byte[] record = WalRecords.frame(proposal(2, 0));
    Files.write(file, Arrays.copyOf(record, record.length - 3), StandardOpenOption.APPEND);

    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      assertThat(wal.entriesFrom(0)).containsExactly(prevote(1, 0), precommit(1, 0));
      assertThat(wal.recovery().tornBytes()).isEqualTo(record.length - 3);
      assertThat(Files.size(file)).isEqualTo(clean);
      wal.append(prevote(2, 0));
    }
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      assertThat(wal.entriesFrom(0)).containsExactly(prevote(1, 0), precommit(1, 0), prevote(2, 0));
    }
  }

  @Test
  void aDamagedRecordBeforeTheLastRefusesToOpen() throws IOException {
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      List.of(prevote(1, 0), precommit(1, 0)).forEach(wal::append);
    }
    Path file = dir.resolve(FileConsensusWal.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    bytes[WalRecords.HEADER_BYTES + 3] ^= 0x10;
    Files.write(file, bytes);

    assertThatThrownBy(() -> FileConsensusWal.open(dir))
        .isInstanceOf(WalException.class)
        .hasMessageContaining("consensus.wal")
        .hasMessageContaining("damaged");
  }

  @Test
  void aTempFileOfAnInterruptedTruncationIsDeletedOnOpen() throws IOException {
    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      wal.append(prevote(1, 0));
    }
    Files.write(dir.resolve(FileConsensusWal.TEMP_NAME), new byte[] {1, 2, 3});

    try (FileConsensusWal wal = FileConsensusWal.open(dir)) {
      assertThat(wal.entriesFrom(0)).containsExactly(prevote(1, 0));
      assertThat(wal.recovery().unfinishedTruncationRemoved()).isTrue();
    }
    assertThat(dir.resolve(FileConsensusWal.TEMP_NAME)).doesNotExist();
  }

  @Test
  void aClosedWalRefusesAppends() {
    FileConsensusWal wal = FileConsensusWal.open(dir);
    wal.close();

    assertThatThrownBy(() -> wal.append(prevote(1, 0)))
        .isInstanceOf(WalException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void afterAnIoErrorTheWalRefusesEveryWriteUntilReopened() {
    CrashingStorage storage = new CrashingStorage();
    try (FileConsensusWal wal = new FileConsensusWal(dir, storage)) {
      wal.append(prevote(1, 0));
      storage.arm(
          CrashingStorage.Operation.FORCE, CrashingStorage.When.BEFORE, CrashingStorage.Fault.FAIL);

      assertThatThrownBy(() -> wal.append(precommit(1, 0)))
          .isInstanceOf(WalException.class)
          .hasMessageContaining("cannot append");
      assertThatThrownBy(() -> wal.append(prevote(2, 0)))
          .isInstanceOf(WalException.class)
          .hasMessageContaining("open it again");
      assertThatThrownBy(() -> wal.truncateBelow(2)).isInstanceOf(WalException.class);
    }
  }

  static WalEntry prevote(long h, int r) {
    return new WalEntry.VoteSigned(
        new SignedVote(Vote.prevote(h, r, X, "a"), Bytes.fromHex("01" + h + r)));
  }

  static WalEntry precommit(long h, int r) {
    return new WalEntry.VoteSigned(
        new SignedVote(Vote.precommit(h, r, null, "a"), Bytes.fromHex("02" + h + r)));
  }

  static WalEntry proposal(long h, int r) {
    return new WalEntry.ProposalSigned(
        new SignedProposal(new Proposal(h, r, X, -1, "a"), Bytes.fromHex("03" + h + r)));
  }
}
