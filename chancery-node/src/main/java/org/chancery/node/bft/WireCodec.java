package org.chancery.node.bft;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.proto.ConsensusProto;
import org.chancery.crypto.CryptoSuite;

/**
 * Encodes consensus messages for the wire ({@code chancery/v1/consensus.proto}) and decodes them
 * strictly: anything a peer sends that does not decode into a well-formed message is a {@link
 * MalformedMessageException}, never a crash.
 *
 * <pre>{@code
 * byte[] bytes = WireCodec.encode(new WireMessage.VoteMessage(signedVote));
 * WireMessage back = codec.decode(bytes);
 * }</pre>
 */
final class WireCodec {
  private final CryptoSuite suite;

  WireCodec(CryptoSuite suite) {
    this.suite = suite;
  }

  static byte[] encode(WireMessage message) {
    ConsensusProto.ConsensusEnvelope.Builder envelope =
        ConsensusProto.ConsensusEnvelope.newBuilder();
    switch (message) {
      case WireMessage.ProposalMessage(SignedProposal signed, Block block) -> {
        Proposal p = signed.proposal();
        envelope.setProposal(
            ConsensusProto.WireProposal.newBuilder()
                .setHeight(p.height())
                .setRound(p.round())
                .setValue(bytes(p.value().bytes()))
                .setValidRound(p.validRound())
                .setProposer(p.proposer())
                .setSignature(bytes(signed.signature()))
                .setBlock(ByteString.copyFrom(block.encode())));
      }
      case WireMessage.VoteMessage(SignedVote vote) -> envelope.setVote(encodeVote(vote));
      case WireMessage.StatusMessage s ->
          envelope.setStatus(
              ConsensusProto.WireStatus.newBuilder()
                  .setCommittedHeight(s.committedHeight())
                  .setHeight(s.height())
                  .setRound(s.round())
                  .setHasProposal(s.hasProposal()));
    }
    return envelope.build().toByteArray();
  }

  WireMessage decode(byte[] bytes) {
    ConsensusProto.ConsensusEnvelope envelope;
    try {
      envelope = ConsensusProto.ConsensusEnvelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a consensus envelope: " + e.getMessage(), e);
    }
    try {
      return switch (envelope.getMessageCase()) {
        case PROPOSAL -> decodeProposal(envelope.getProposal());
        case VOTE -> new WireMessage.VoteMessage(decodeVote(envelope.getVote()));
        case STATUS -> {
          ConsensusProto.WireStatus s = envelope.getStatus();
          yield new WireMessage.StatusMessage(
              s.getCommittedHeight(), s.getHeight(), nonNegative(s.getRound()), s.getHasProposal());
        }
        case MESSAGE_NOT_SET -> throw new MalformedMessageException("empty consensus envelope");
      };
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("malformed consensus message: " + e.getMessage(), e);
    }
  }

  private WireMessage.ProposalMessage decodeProposal(ConsensusProto.WireProposal p) {
    if (p.getValue().isEmpty()) {
      throw new MalformedMessageException("proposal without a value");
    }
    Proposal proposal =
        new Proposal(
            p.getHeight(),
            nonNegative(p.getRound()),
            new ValueId(Bytes.of(p.getValue().toByteArray())),
            p.getValidRound(),
            p.getProposer());
    Block block;
    try {
      block = Block.decode(p.getBlock().toByteArray(), suite);
    } catch (RuntimeException e) {
      throw new MalformedMessageException("proposal carries a malformed block: " + e, e);
    }
    if (!block.hash().equals(proposal.value().bytes())) {
      throw new MalformedMessageException(
          "proposal is for block " + proposal.value() + " but carries block " + block.hash().hex());
    }
    return new WireMessage.ProposalMessage(
        new SignedProposal(proposal, Bytes.of(p.getSignature().toByteArray())), block);
  }

  static ConsensusProto.WireVote encodeVote(SignedVote signed) {
    Vote v = signed.vote();
    return ConsensusProto.WireVote.newBuilder()
        .setType(v.type() == VoteType.PREVOTE ? 1 : 2)
        .setHeight(v.height())
        .setRound(v.round())
        .setValue(v.value().map(id -> bytes(id.bytes())).orElse(ByteString.EMPTY))
        .setValidator(v.validator())
        .setSignature(bytes(signed.signature()))
        .build();
  }

  static SignedVote decodeVote(ConsensusProto.WireVote w) {
    VoteType type =
        switch (w.getType()) {
          case 1 -> VoteType.PREVOTE;
          case 2 -> VoteType.PRECOMMIT;
          default -> throw new MalformedMessageException("unknown vote type " + w.getType());
        };
    Optional<ValueId> value =
        w.getValue().isEmpty()
            ? Optional.empty()
            : Optional.of(new ValueId(Bytes.of(w.getValue().toByteArray())));
    return new SignedVote(
        new Vote(type, w.getHeight(), nonNegative(w.getRound()), value, w.getValidator()),
        Bytes.of(w.getSignature().toByteArray()));
  }

  /** Encodes transactions for the transactions channel. */
  static byte[] encodeTransactions(List<byte[]> transactions) {
    ConsensusProto.TransactionBatch.Builder batch = ConsensusProto.TransactionBatch.newBuilder();
    for (byte[] tx : transactions) {
      batch.addTransactions(ByteString.copyFrom(tx));
    }
    return batch.build().toByteArray();
  }

  /** Decodes a batch from the transactions channel into the encoded transactions it carries. */
  static List<byte[]> decodeTransactions(byte[] bytes) {
    try {
      List<byte[]> out = new ArrayList<>();
      for (ByteString tx : ConsensusProto.TransactionBatch.parseFrom(bytes).getTransactionsList()) {
        out.add(tx.toByteArray());
      }
      return out;
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("not a transaction batch: " + e.getMessage(), e);
    }
  }

  private static int nonNegative(int round) {
    // uint32 rounds above 2^31 arrive negative in Java; no honest node gets there.
    if (round < 0) {
      throw new MalformedMessageException("round out of range: " + Integer.toUnsignedString(round));
    }
    return round;
  }

  private static ByteString bytes(Bytes b) {
    return ByteString.copyFrom(b.toArray());
  }
}
