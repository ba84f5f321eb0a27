package org.chancery.core.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.Arrays;
import org.chancery.core.Bytes;
import org.chancery.core.proto.LedgerProto;

/**
 * A block header: it commits to the previous block, the block's transactions and receipts, the
 * world state after executing it, and the validator set that certifies it. The block hash is the
 * suite hash of the header's exact encoded bytes.
 *
 * @param chainId the chain
 * @param height 1 for the first block after genesis
 * @param previousHash hash of the previous header; the genesis hash at height 1
 * @param timestamp proposer's time, millisecond precision, later than the parent's
 * @param txRoot RFC 6962 root over the encoded transactions
 * @param receiptRoot RFC 6962 root over the encoded receipts
 * @param stateRoot world-state root after the block
 * @param validatorSetHash hash of the validator set that must certify the block
 * @param proposer name of the proposing validator
 * @param txCount number of transactions
 */
public record BlockHeader(
    String chainId,
    long height,
    Bytes previousHash,
    Instant timestamp,
    Bytes txRoot,
    Bytes receiptRoot,
    Bytes stateRoot,
    Bytes validatorSetHash,
    String proposer,
    int txCount) {

  /** The canonical protobuf encoding; its hash is the block hash. */
  public byte[] encode() {
    return LedgerProto.BlockHeader.newBuilder()
        .setChainId(chainId)
        .setHeight(height)
        .setPreviousHash(bs(previousHash))
        .setTimestampMillis(timestamp.toEpochMilli())
        .setTxRoot(bs(txRoot))
        .setReceiptRoot(bs(receiptRoot))
        .setStateRoot(bs(stateRoot))
        .setValidatorSetHash(bs(validatorSetHash))
        .setProposer(proposer)
        .setTxCount(txCount)
        .build()
        .toByteArray();
  }

  /**
   * Decodes a header, accepting only its canonical encoding.
   *
   * @throws MalformedBlockException if the bytes are not a canonical header
   */
  public static BlockHeader decode(byte[] encoded) {
    LedgerProto.BlockHeader p;
    try {
      p = LedgerProto.BlockHeader.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedBlockException("not a valid BlockHeader message: " + e.getMessage());
    }
    if (!p.getUnknownFields().asMap().isEmpty()) {
      throw new MalformedBlockException("block header has fields this node does not know");
    }
    BlockHeader header =
        new BlockHeader(
            p.getChainId(),
            p.getHeight(),
            Bytes.of(p.getPreviousHash().toByteArray()),
            Instant.ofEpochMilli(p.getTimestampMillis()),
            Bytes.of(p.getTxRoot().toByteArray()),
            Bytes.of(p.getReceiptRoot().toByteArray()),
            Bytes.of(p.getStateRoot().toByteArray()),
            Bytes.of(p.getValidatorSetHash().toByteArray()),
            p.getProposer(),
            p.getTxCount());
    if (!Arrays.equals(header.encode(), encoded)) {
      throw new MalformedBlockException("block header is not canonically encoded");
    }
    return header;
  }

  private static ByteString bs(Bytes b) {
    return ByteString.copyFrom(b.toArray());
  }
}
