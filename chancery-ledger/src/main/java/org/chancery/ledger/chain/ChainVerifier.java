package org.chancery.ledger.chain;

import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.CommitCertificateVerifier;
import org.chancery.core.block.InvalidCertificateException;
import org.chancery.core.block.Receipt;
import org.chancery.core.block.ValidatorSet;
import org.chancery.core.merkle.MerkleTree;
import org.chancery.crypto.CryptoSuite;

/**
 * Re-checks a stored chain from the genesis: every block links to its parent's hash, its times
 * increase, its tx and receipt roots match the stored transactions and receipts, the transaction
 * index points at it, and its commit certificate is valid for the validator set. Used after a
 * crash, by operators, and by tests.
 *
 * <pre>{@code
 * long verified = new ChainVerifier(suite, chainId, validators).verify(store, genesisHash);
 * }</pre>
 */
public final class ChainVerifier {
  private final CryptoSuite suite;
  private final String chainId;
  private final ValidatorSet validators;

  public ChainVerifier(CryptoSuite suite, String chainId, ValidatorSet validators) {
    this.suite = suite;
    this.chainId = chainId;
    this.validators = validators;
  }

  /**
   * Verifies blocks 1 to the store's height.
   *
   * @return the number of blocks verified
   * @throws ChainCorruptException naming the first block and check that failed
   */
  public long verify(BlockStore store, Bytes genesisHash) {
    Bytes previous = genesisHash;
    java.time.Instant previousTime = null;
    CommitCertificateVerifier certificates = new CommitCertificateVerifier(suite, chainId);
    Bytes validatorSetHash = validators.hash(suite);
    long height = store.height();
    for (long h = 1; h <= height; h++) {
      long at = h;
      Block block =
          store.block(h).orElseThrow(() -> new ChainCorruptException(at, "block is missing"));
      BlockHeader header = block.header();
      check(h, header.height() == h, "header says height " + header.height());
      check(h, header.chainId().equals(chainId), "header is for chain " + header.chainId());
      check(h, header.previousHash().equals(previous), "does not link to the previous block");
      check(
          h,
          previousTime == null || header.timestamp().isAfter(previousTime),
          "time does not increase");
      check(h, header.validatorSetHash().equals(validatorSetHash), "unexpected validator set");
      check(h, store.blockHash(h).orElseThrow().equals(block.hash()), "header and block differ");
      check(h, header.txCount() == block.transactions().size(), "tx count does not match");
      check(
          h,
          Bytes.of(MerkleTree.root(suite, block.transactionLeaves())).equals(header.txRoot()),
          "tx root does not match the transactions");
      List<Receipt> receipts = store.receipts(h, block.transactions().size());
      check(h, receipts.size() == block.transactions().size(), "receipts are missing");
      check(
          h,
          Bytes.of(MerkleTree.root(suite, receipts.stream().map(Receipt::encode).toList()))
              .equals(header.receiptRoot()),
          "receipt root does not match the receipts");
      for (int i = 0; i < receipts.size(); i++) {
        Bytes txId = block.transactions().get(i).txId();
        check(h, receipts.get(i).txId().equals(txId), "receipt " + i + " is for another tx");
        check(
            h,
            store.locate(txId).equals(java.util.Optional.of(new TxLocation(h, i))),
            "tx index does not point at transaction " + i);
      }
      CommitCertificate certificate =
          store
              .certificate(h)
              .orElseThrow(() -> new ChainCorruptException(at, "commit certificate is missing"));
      try {
        certificates.verify(certificate, h, block.hash(), validators);
      } catch (InvalidCertificateException e) {
        throw new ChainCorruptException(h, "commit certificate: " + e.getMessage());
      }
      previous = block.hash();
      previousTime = header.timestamp();
    }
    return height;
  }

  private static void check(long height, boolean ok, String problem) {
    if (!ok) {
      throw new ChainCorruptException(height, problem);
    }
  }
}
