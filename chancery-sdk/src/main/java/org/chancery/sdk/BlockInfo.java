package org.chancery.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;

/**
 * A block as the API shows it: the header decoded from its exact bytes, summaries of its
 * transactions, and the commit certificate that made it final.
 *
 * <pre>{@code
 * BlockInfo block = client.latestBlock();
 * System.out.println(block.height() + " " + block.hash() + " " + block.header().stateRoot());
 * }</pre>
 *
 * @param height the block's height
 * @param hash the block's hash: the suite hash of {@code headerBytes}
 * @param header the header, decoded from {@code headerBytes}
 * @param headerBytes the header's exact encoded bytes
 * @param transactions its transactions, in block order
 * @param certificate its commit certificate, when the node has it
 */
public record BlockInfo(
    long height,
    Bytes hash,
    BlockHeader header,
    Bytes headerBytes,
    List<TransactionSummary> transactions,
    Optional<CommitCertificate> certificate) {

  public BlockInfo {
    transactions = List.copyOf(transactions);
  }

  /** The block's time, set by its proposer. */
  public Instant timestamp() {
    return header.timestamp();
  }

  /**
   * One transaction of a block.
   *
   * @param txId its id
   * @param contract the contract called
   * @param method the method called
   * @param creatorOrg the creator's organisation
   * @param timestamp the creator's timestamp
   */
  public record TransactionSummary(
      Bytes txId, String contract, String method, String creatorOrg, Instant timestamp) {}
}
