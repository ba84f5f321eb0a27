package org.chancery.core.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.proto.LedgerProto;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;

/**
 * A block: the exact bytes of its header and its transactions in execution order.
 *
 * <pre>{@code
 * Block block = Block.of(header, transactions, suite);
 * Bytes hash = block.hash();
 * Block again = Block.decode(block.encode(), suite);
 * }</pre>
 */
public final class Block {
  private final byte[] headerBytes;
  private final BlockHeader header;
  private final List<Transaction> transactions;
  private final Bytes hash;

  private Block(byte[] headerBytes, BlockHeader header, List<Transaction> txs, Bytes hash) {
    this.headerBytes = headerBytes;
    this.header = header;
    this.transactions = List.copyOf(txs);
    this.hash = hash;
  }

  /** Assembles a block from a header and its transactions. */
  public static Block of(BlockHeader header, List<Transaction> transactions, CryptoSuite suite) {
    byte[] bytes = header.encode();
    return new Block(bytes, header, transactions, Bytes.of(suite.hash(bytes)));
  }

  /**
   * Decodes an encoded {@code Block} message.
   *
   * @throws MalformedBlockException if the block or any transaction in it cannot be decoded
   */
  public static Block decode(byte[] encoded, CryptoSuite suite) {
    LedgerProto.Block p;
    try {
      p = LedgerProto.Block.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedBlockException("not a valid Block message: " + e.getMessage());
    }
    byte[] headerBytes = p.getHeader().toByteArray();
    BlockHeader header = BlockHeader.decode(headerBytes);
    List<Transaction> txs = new ArrayList<>(p.getTransactionsCount());
    for (int i = 0; i < p.getTransactionsCount(); i++) {
      try {
        txs.add(Transaction.decode(p.getTransactions(i).toByteArray(), suite));
      } catch (InvalidTransactionException e) {
        throw new MalformedBlockException("transaction " + i + " of the block: " + e.getMessage());
      }
    }
    return new Block(headerBytes, header, txs, Bytes.of(suite.hash(headerBytes)));
  }

  /** The encoded {@code Block} message. */
  public byte[] encode() {
    LedgerProto.Block.Builder b =
        LedgerProto.Block.newBuilder().setHeader(ByteString.copyFrom(headerBytes));
    for (Transaction tx : transactions) {
      b.addTransactions(ByteString.copyFrom(tx.encoded()));
    }
    return b.build().toByteArray();
  }

  public BlockHeader header() {
    return header;
  }

  /** The exact header bytes the hash covers. */
  public byte[] headerBytes() {
    return headerBytes.clone();
  }

  /** {@code hash(header bytes)}. */
  public Bytes hash() {
    return hash;
  }

  public long height() {
    return header.height();
  }

  public List<Transaction> transactions() {
    return transactions;
  }

  /** The encoded transactions, the leaves of the header's tx root. */
  public List<byte[]> transactionLeaves() {
    return transactions.stream().map(Transaction::encoded).toList();
  }

  @Override
  public String toString() {
    return "Block[" + header.height() + " " + hash.hex() + ", " + transactions.size() + " txs]";
  }
}
