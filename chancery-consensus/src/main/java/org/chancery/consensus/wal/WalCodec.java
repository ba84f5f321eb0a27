package org.chancery.consensus.wal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.core.Bytes;

/**
 * The compact binary encoding of one {@link WalEntry}: the payload of a WAL record. Big-endian;
 * byte strings and names carry an int length.
 *
 * <pre>
 * payload  = version:u8 (=1) kind:u8 body
 * kind 1   = proposal: height:i64 round:i32 value:bytes validRound:i32 proposer:utf8 sig:bytes
 * kind 2   = vote:     type:u8 (0 prevote, 1 precommit) height:i64 round:i32
 *                      hasValue:u8 (0|1) [value:bytes] validator:utf8 sig:bytes
 * bytes    = length:i32 content
 * </pre>
 *
 * Decoding is strict: an unknown version or kind, a length past the end, trailing bytes, invalid
 * UTF-8 or a value the message types reject all make the record corrupt.
 */
final class WalCodec {
  static final byte VERSION = 1;
  private static final byte PROPOSAL = 1;
  private static final byte VOTE = 2;
  private static final byte PROOF_OF_LOCK = 3;

  private WalCodec() {}

  static byte[] encode(WalEntry entry) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(VERSION);
      switch (entry) {
        case WalEntry.ProposalSigned(SignedProposal signed) -> {
          Proposal p = signed.proposal();
          out.writeByte(PROPOSAL);
          out.writeLong(p.height());
          out.writeInt(p.round());
          writeBytes(out, p.value().bytes().toArray());
          out.writeInt(p.validRound());
          writeBytes(out, p.proposer().getBytes(StandardCharsets.UTF_8));
          writeBytes(out, signed.signature().toArray());
        }
        case WalEntry.VoteSigned(SignedVote signed) -> {
          out.writeByte(VOTE);
          writeVote(out, signed);
        }
        case WalEntry.ProofOfLock(long height, int round, java.util.List<SignedVote> prevotes) -> {
          out.writeByte(PROOF_OF_LOCK);
          out.writeLong(height);
          out.writeInt(round);
          out.writeInt(prevotes.size());
          for (SignedVote v : prevotes) {
            writeVote(out, v);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  /**
   * @throws WalException if {@code payload} is not exactly one well-formed entry
   */
  static WalEntry decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new WalException("unknown WAL record format version " + version);
      }
      byte kind = in.get();
      WalEntry entry =
          switch (kind) {
            case PROPOSAL -> {
              long height = in.getLong();
              int round = in.getInt();
              ValueId value = new ValueId(Bytes.of(readBytes(in)));
              int validRound = in.getInt();
              String proposer = readName(in);
              Bytes signature = Bytes.of(readBytes(in));
              yield new WalEntry.ProposalSigned(
                  new SignedProposal(
                      new Proposal(height, round, value, validRound, proposer), signature));
            }
            case VOTE -> new WalEntry.VoteSigned(readVote(in));
            case PROOF_OF_LOCK -> {
              long height = in.getLong();
              int round = in.getInt();
              int count = in.getInt();
              if (count < 0 || count > 100_000) {
                throw new WalException("implausible proof-of-lock size " + count);
              }
              java.util.List<SignedVote> prevotes = new java.util.ArrayList<>(count);
              for (int i = 0; i < count; i++) {
                prevotes.add(readVote(in));
              }
              yield new WalEntry.ProofOfLock(height, round, prevotes);
            }
            default -> throw new WalException("unknown WAL entry kind " + kind);
          };
      if (in.hasRemaining()) {
        throw new WalException(in.remaining() + " trailing bytes after a WAL entry");
      }
      return entry;
    } catch (BufferUnderflowException e) {
      throw new WalException("WAL record ends inside an entry", e);
    } catch (IllegalArgumentException e) {
      throw new WalException("WAL record holds an invalid entry: " + e.getMessage(), e);
    }
  }

  private static void writeVote(DataOutputStream out, SignedVote signed) throws IOException {
    Vote v = signed.vote();
    out.writeByte(v.type() == VoteType.PREVOTE ? 0 : 1);
    out.writeLong(v.height());
    out.writeInt(v.round());
    out.writeByte(v.value().isPresent() ? 1 : 0);
    if (v.value().isPresent()) {
      writeBytes(out, v.value().get().bytes().toArray());
    }
    writeBytes(out, v.validator().getBytes(StandardCharsets.UTF_8));
    writeBytes(out, signed.signature().toArray());
  }

  private static SignedVote readVote(ByteBuffer in) {
    VoteType type =
        switch (in.get()) {
          case 0 -> VoteType.PREVOTE;
          case 1 -> VoteType.PRECOMMIT;
          default -> throw new WalException("unknown vote type in WAL record");
        };
    long height = in.getLong();
    int round = in.getInt();
    Optional<ValueId> value =
        switch (in.get()) {
          case 0 -> Optional.empty();
          case 1 -> Optional.of(new ValueId(Bytes.of(readBytes(in))));
          default -> throw new WalException("bad value flag in WAL record");
        };
    String validator = readName(in);
    Bytes signature = Bytes.of(readBytes(in));
    return new SignedVote(new Vote(type, height, round, value, validator), signature);
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new WalException("byte string of length " + length + " runs past the WAL record");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private static String readName(ByteBuffer in) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(readBytes(in)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WalException("validator name in WAL record is not UTF-8", e);
    }
  }
}
