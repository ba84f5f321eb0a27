package org.chancery.node.bft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.core.Bytes;
import org.chancery.core.proto.ConsensusProto;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

class WireCodecTest {
  private final WireCodec codec = new WireCodec(CryptoSuite.byName("sm"));

  @Property
  void votesSurviveTheWire(@ForAll("votes") SignedVote vote) {
    WireMessage back = codec.decode(WireCodec.encode(new WireMessage.VoteMessage(vote)));
    assertThat(back).isEqualTo(new WireMessage.VoteMessage(vote));
  }

  @Property
  void statusSurvivesTheWire(
      @ForAll long committed, @ForAll long height, @ForAll int round, @ForAll boolean has) {
    WireMessage.StatusMessage s =
        new WireMessage.StatusMessage(
            Math.abs(committed % 1_000_000),
            Math.abs(height % 1_000_000),
            Math.abs(round % 1000),
            has);
    assertThat(codec.decode(WireCodec.encode(s))).isEqualTo(s);
  }

  @Property
  void transactionBatchesSurviveTheWire(@ForAll("batches") List<byte[]> txs) {
    List<byte[]> back = WireCodec.decodeTransactions(WireCodec.encodeTransactions(txs));
    assertThat(back).hasSameSizeAs(txs);
    for (int i = 0; i < txs.size(); i++) {
      assertThat(back.get(i)).isEqualTo(txs.get(i));
    }
  }

  @Property
  void arbitraryBytesAreMalformedOrAMessageNeverACrash(@ForAll byte[] junk) {
    try {
      assertThat(codec.decode(junk)).isNotNull();
    } catch (MalformedMessageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void rejectsAnEmptyEnvelope() {
    assertThatThrownBy(() -> codec.decode(new byte[0]))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("empty consensus envelope");
  }

  @Test
  void rejectsAnUnknownVoteType() {
    byte[] bytes =
        ConsensusProto.ConsensusEnvelope.newBuilder()
            .setVote(ConsensusProto.WireVote.newBuilder().setType(7).setValidator("x"))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unknown vote type 7");
  }

  @Test
  void rejectsARoundBeyondTheSignedRange() {
    byte[] bytes =
        ConsensusProto.ConsensusEnvelope.newBuilder()
            .setVote(ConsensusProto.WireVote.newBuilder().setType(1).setRound(-5).setValidator("x"))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("round out of range");
  }

  @Test
  void rejectsAProposalWhoseBlockIsNotItsValue() {
    byte[] bytes =
        ConsensusProto.ConsensusEnvelope.newBuilder()
            .setProposal(
                ConsensusProto.WireProposal.newBuilder()
                    .setValue(com.google.protobuf.ByteString.copyFrom(new byte[32]))
                    .setProposer("node1")
                    .setValidRound(-1)
                    .setBlock(com.google.protobuf.ByteString.copyFrom(new byte[] {9, 9})))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("block");
  }

  @Test
  void rejectsAProposalWithoutAValue() {
    byte[] bytes =
        ConsensusProto.ConsensusEnvelope.newBuilder()
            .setProposal(ConsensusProto.WireProposal.newBuilder().setProposer("node1"))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("without a value");
  }

  @Provide
  Arbitrary<SignedVote> votes() {
    Arbitrary<Optional<ValueId>> values =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMinSize(1)
            .ofMaxSize(40)
            .map(b -> Optional.of(new ValueId(Bytes.of(b))))
            .injectNull(0.2)
            .map(o -> o == null ? Optional.<ValueId>empty() : o);
    return Combinators.combine(
            Arbitraries.of(VoteType.class),
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            values,
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(80))
        .as((t, h, r, v, name, sig) -> new SignedVote(new Vote(t, h, r, v, name), Bytes.of(sig)));
  }

  @Provide
  Arbitrary<List<byte[]>> batches() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).list().ofMaxSize(20);
  }
}
