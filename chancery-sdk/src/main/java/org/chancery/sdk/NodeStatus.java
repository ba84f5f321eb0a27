package org.chancery.sdk;

import java.time.Instant;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * A node's answer to {@code GET /v1/status}: which chain it serves and how far it is.
 *
 * <pre>{@code
 * NodeStatus s = client.status();
 * System.out.println(s.chainId() + " (" + s.suite() + ") at height " + s.height());
 * }</pre>
 *
 * @param chainId the chain's id, signed into every transaction
 * @param suite the crypto suite name, {@code sm} or {@code nist}
 * @param genesisHash hash of the chain's {@code genesis.json}
 * @param node the node's name
 * @param organisation the organisation that runs it
 * @param validator whether it votes on blocks
 * @param consensus {@code solo} or {@code bft}
 * @param height the latest committed height (0 before the first block)
 * @param latestBlockHash hash of the latest block (the genesis hash at height 0)
 * @param latestBlockTime time of the latest block
 * @param stateRoot the world-state root after the latest block
 * @param mempool how full the node's mempool is
 */
public record NodeStatus(
    String chainId,
    String suite,
    Bytes genesisHash,
    String node,
    String organisation,
    boolean validator,
    String consensus,
    long height,
    Bytes latestBlockHash,
    Instant latestBlockTime,
    Bytes stateRoot,
    Mempool mempool) {

  /** The suite, ready to sign and hash with. */
  public CryptoSuite cryptoSuite() {
    return CryptoSuite.byName(suite);
  }

  /**
   * Mempool occupancy.
   *
   * @param size transactions waiting
   * @param bytes their encoded size
   * @param capacity how many transactions it holds at most
   */
  public record Mempool(long size, long bytes, long capacity) {}
}
