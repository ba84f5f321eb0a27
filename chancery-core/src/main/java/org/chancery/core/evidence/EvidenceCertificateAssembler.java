package org.chancery.core.evidence;

import java.util.Base64;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Receipt;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.core.merkle.MerkleTree;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;

/**
 * Builds the certificate of a committed deposit from what a node stores: the deposit record, the
 * block that holds its transaction, that block's receipts and commit certificate, and the genesis.
 *
 * <pre>{@code
 * EvidenceCertificate c =
 *     new EvidenceCertificateAssembler(genesis, genesisHash)
 *         .assemble(record, block, receipts, commitCertificate);
 * }</pre>
 */
public final class EvidenceCertificateAssembler {
  private final Genesis genesis;
  private final Bytes genesisHash;
  private final CryptoSuite suite;

  public EvidenceCertificateAssembler(Genesis genesis, Bytes genesisHash) {
    this.genesis = genesis;
    this.genesisHash = genesisHash;
    this.suite = CryptoSuite.byName(genesis.suite());
  }

  /**
   * The certificate of {@code record}.
   *
   * @param block the block at {@code record.height()}
   * @param receipts every receipt of that block, in order
   * @param commit the block's commit certificate
   * @throws IllegalArgumentException if the block is not the record's or does not hold its
   *     transaction
   */
  public EvidenceCertificate assemble(
      DepositRecord record, Block block, List<Receipt> receipts, CommitCertificate commit) {
    if (block.height() != record.height()) {
      throw new IllegalArgumentException(
          "deposit "
              + record.depositId().hex()
              + " was committed at height "
              + record.height()
              + ", not in block "
              + block.height());
    }
    int index = indexOf(block, record.txId());
    Transaction tx = block.transactions().get(index);
    List<byte[]> receiptLeaves = receipts.stream().map(Receipt::encode).toList();
    OrganisationEntry org =
        genesis.organisations().stream()
            .filter(o -> o.id().equals(tx.body().creatorOrg()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the genesis has no organisation '" + tx.body().creatorOrg() + "'"));
    return new EvidenceCertificate(
        genesis.chainId(),
        genesis.suite(),
        genesisHash,
        record,
        new EvidenceCertificate.TransactionPart(
            tx.txId(),
            Bytes.of(tx.bodyBytes()),
            Bytes.of(tx.signature()),
            pem(tx.body().creatorCertificate()),
            List.of(org.identityCa())),
        new EvidenceCertificate.BlockPart(
            block.height(),
            block.hash(),
            block.header().timestamp(),
            Bytes.of(block.headerBytes())),
        Bytes.of(receiptLeaves.get(index)),
        MerkleTree.of(suite, block.transactionLeaves()).proof(index),
        MerkleTree.of(suite, receiptLeaves).proof(index),
        Bytes.of(commit.encode()),
        genesis.validators().stream()
            .map(
                v ->
                    new EvidenceCertificate.ValidatorCertificate(
                        v.name(), v.organisation(), v.identityCertificate()))
            .toList());
  }

  private static int indexOf(Block block, Bytes txId) {
    List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      if (txs.get(i).txId().equals(txId)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "block " + block.height() + " does not hold transaction " + txId.hex());
  }

  /**
   * PEM of the exact DER bytes the transaction carries. Not parsed and re-encoded: the JDK's
   * certificate factory cannot read SM2 certificates, and re-encoding could change the bytes the
   * verifier compares with the signed body.
   */
  private static String pem(Bytes der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der.toArray())
        + "\n-----END CERTIFICATE-----\n";
  }
}
