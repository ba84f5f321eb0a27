package org.chancery.core.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.chancery.core.Bytes;
import org.junit.jupiter.api.Test;

class CanonicalVoteTest {
  private static final Bytes HASH = Bytes.fromHex("ab".repeat(32));

  @Test
  void precommitBytesFollowTheDocumentedLayout() {
    byte[] bytes = CanonicalVote.precommit("c1", 7, 2, HASH);

    ByteBuffer expected = ByteBuffer.allocate(17 + 2 + 2 + 1 + 8 + 4 + 1 + 32);
    expected.put("chancery/vote/v1\0".getBytes(StandardCharsets.US_ASCII));
    expected.putShort((short) 2).put("c1".getBytes(StandardCharsets.UTF_8));
    expected.put((byte) 3).putLong(7).putInt(2).put((byte) 1).put(HASH.toArray());
    assertThat(bytes).isEqualTo(expected.array());
  }

  @Test
  void nilVoteHasNoHash() {
    byte[] bytes = CanonicalVote.encode("c1", CanonicalVote.Step.PREVOTE, 7, 2, null);

    assertThat(bytes).hasSize(17 + 2 + 2 + 1 + 8 + 4 + 1);
    assertThat(bytes[bytes.length - 1]).isZero();
  }

  @Test
  void proposalBytesBindTheValidRound() {
    byte[] fresh = CanonicalVote.proposal("c1", 7, 2, -1, HASH);
    byte[] relocked = CanonicalVote.proposal("c1", 7, 2, 1, HASH);

    assertThat(fresh).isNotEqualTo(relocked);
    ByteBuffer expected = ByteBuffer.allocate(17 + 2 + 2 + 1 + 8 + 4 + 4 + 1 + 32);
    expected.put("chancery/vote/v1\0".getBytes(StandardCharsets.US_ASCII));
    expected.putShort((short) 2).put("c1".getBytes(StandardCharsets.UTF_8));
    expected.put((byte) 1).putLong(7).putInt(2).putInt(1).put((byte) 1).put(HASH.toArray());
    assertThat(relocked).isEqualTo(expected.array());
  }

  @Test
  void aProposalCannotBeEncodedWithoutItsValidRound() {
    assertThatThrownBy(() -> CanonicalVote.encode("c1", CanonicalVote.Step.PROPOSAL, 7, 2, HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proposal()");
  }

  @Test
  void stepsHeightsAndRoundsGiveDifferentBytes() {
    byte[] prevote = CanonicalVote.encode("c1", CanonicalVote.Step.PREVOTE, 7, 2, HASH);
    byte[] precommit = CanonicalVote.precommit("c1", 7, 2, HASH);

    assertThat(prevote).isNotEqualTo(precommit);
    assertThat(CanonicalVote.precommit("c1", 8, 2, HASH)).isNotEqualTo(precommit);
    assertThat(CanonicalVote.precommit("c1", 7, 3, HASH)).isNotEqualTo(precommit);
    assertThat(CanonicalVote.precommit("c2", 7, 2, HASH)).isNotEqualTo(precommit);
  }
}
