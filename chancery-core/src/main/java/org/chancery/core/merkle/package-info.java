/**
 * Merkle trees as in RFC 6962 (Certificate Transparency) and RFC 9162: how a block commits to its
 * transactions and receipts, and how a client checks that one of them is in a block without a node.
 *
 * <h2>The tree</h2>
 *
 * <p>A block header carries two roots: {@code tx_root} over the encoded {@code Transaction}
 * messages of the block, in order, and {@code receipt_root} over the encoded {@code Receipt}
 * messages. Each leaf is the exact encoded bytes, hashed with the chain's suite (SM3 for {@code
 * sm}, SHA-256 for {@code nist}):
 *
 * <pre>
 * MTH({})   = HASH()                                       the empty block
 * MTH({d})  = HASH(0x00 || d)                              a leaf
 * MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))     k = the largest power of two &lt; n
 *
 *                root                        5 leaves: k = 4, so the fifth leaf
 *              /      \                      joins the tree one level below the root
 *          n0123       d4
 *         /     \
 *      n01       n23
 *     /   \     /   \
 *    d0   d1   d2   d3
 * </pre>
 *
 * <p>The prefixes {@code 0x00} and {@code 0x01} keep leaves and inner nodes apart: without them the
 * 64 bytes {@code n01 || n23} would be a "leaf" whose hash equals node {@code n0123}, and a forger
 * could prove a transaction that was never in the block. Over SHA-256 the roots are those of
 * Certificate Transparency logs, which the tests check against the published vectors.
 *
 * <h2>Proofs</h2>
 *
 * <p>An inclusion proof ({@link org.chancery.core.merkle.MerkleProof}) is the leaf's index, the
 * tree size and the audit path: the sibling hashes from the leaf up to the root, at most {@code
 * ceil(log2 n)} of them (for {@code d1} above: {@code d0}, {@code n23}, {@code d4}, each as its
 * tree hash). {@link org.chancery.core.merkle.MerkleProofVerifier} recomputes the root from the
 * leaf and the path and compares it with the root from a certified header, so a client needs only
 * the genesis (for the suite and the validators that certify the header) and the proof.
 *
 * <p>The verifier checks the index against the tree size, but nothing in the path fixes the tree
 * size itself: the caller compares {@code proof.treeSize()} with the header's {@code tx_count}.
 *
 * <h2>Cost</h2>
 *
 * <p>{@link org.chancery.core.merkle.MerkleTree#of} hashes each leaf once and each inner node once
 * ({@code 2n - 1} hashes) and keeps every level ({@code 2n} hashes of memory); the root and each
 * proof are then read without hashing. The store keeps only the block's transactions, so a node
 * serving a proof rebuilds the tree of that block.
 *
 * <pre>{@code
 * CryptoSuite suite = CryptoSuite.byName("sm");
 * List<byte[]> txs = block.getTransactionsList().stream().map(ByteString::toByteArray).toList();
 *
 * // The proposer, and every validator checking a proposal:
 * MerkleTree tree = MerkleTree.of(suite, txs);
 * byte[] txRoot = tree.root();
 *
 * // A node answering "prove transaction 17 of this block":
 * MerkleProof proof = tree.proof(17);
 *
 * // A client, offline, holding the certified header and the transaction's bytes:
 * boolean included = proof.treeSize() == header.getTxCount()
 *     && MerkleProofVerifier.verifyInclusion(
 *         suite, header.getTxRoot().toByteArray(), txs.get(17), proof);
 * }</pre>
 */
package org.chancery.core.merkle;
