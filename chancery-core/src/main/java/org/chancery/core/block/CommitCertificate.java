package org.chancery.core.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.proto.LedgerProto;

/**
 * The proof that a block is final: precommit signatures for its hash from validators holding more
 * than two thirds of the voting power (one signature in solo mode). Each signature covers {@link
 * CanonicalVote#precommit}. {@link CommitCertificateVerifier} checks it with no node.
 *
 * @param height the block's height
 * @param round the consensus round in which it was decided
 * @param blockHash the block's hash
 * @param signatures the precommits
 */
public record CommitCertificate(
    long height, int round, Bytes blockHash, List<CommitSignature> signatures) {

  public CommitCertificate {
    signatures = List.copyOf(signatures);
  }

  /**
   * One validator's precommit.
   *
   * @param validator the validator's name
   * @param signature its signature over the canonical precommit bytes
   */
  public record CommitSignature(String validator, Bytes signature) {}

  public byte[] encode() {
    LedgerProto.CommitCertificate.Builder b =
        LedgerProto.CommitCertificate.newBuilder()
            .setHeight(height)
            .setRound(round)
            .setBlockHash(ByteString.copyFrom(blockHash.toArray()));
    for (CommitSignature s : signatures) {
      b.addSignatures(
          LedgerProto.CommitSignature.newBuilder()
              .setValidator(s.validator())
              .setSignature(ByteString.copyFrom(s.signature().toArray())));
    }
    return b.build().toByteArray();
  }

  /**
   * Decodes a certificate.
   *
   * @throws MalformedBlockException if the bytes are not a certificate
   */
  public static CommitCertificate decode(byte[] encoded) {
    LedgerProto.CommitCertificate p;
    try {
      p = LedgerProto.CommitCertificate.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedBlockException("not a valid CommitCertificate: " + e.getMessage());
    }
    List<CommitSignature> sigs = new ArrayList<>();
    for (LedgerProto.CommitSignature s : p.getSignaturesList()) {
      sigs.add(new CommitSignature(s.getValidator(), Bytes.of(s.getSignature().toByteArray())));
    }
    return new CommitCertificate(
        p.getHeight(), p.getRound(), Bytes.of(p.getBlockHash().toByteArray()), sigs);
  }
}
