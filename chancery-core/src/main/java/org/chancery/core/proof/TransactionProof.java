package org.chancery.core.proof;

import org.chancery.core.Bytes;
import org.chancery.core.merkle.MerkleProof;

/**
 * Everything needed to check, with no node, that a transaction was committed with a given receipt:
 * the block header's exact bytes, its commit certificate, the transaction and receipt bytes, and
 * their Merkle paths to the header's tx and receipt roots. {@link TransactionProofVerifier} checks
 * it against the chain's genesis.
 *
 * @param header encoded BlockHeader
 * @param certificate encoded CommitCertificate for the header's hash
 * @param transaction encoded Transaction
 * @param receipt encoded Receipt
 * @param txProof path from the transaction to the header's tx root
 * @param receiptProof path from the receipt to the header's receipt root
 */
public record TransactionProof(
    Bytes header,
    Bytes certificate,
    Bytes transaction,
    Bytes receipt,
    MerkleProof txProof,
    MerkleProof receiptProof) {}
