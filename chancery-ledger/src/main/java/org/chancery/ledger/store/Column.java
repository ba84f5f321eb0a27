package org.chancery.ledger.store;

import java.nio.charset.StandardCharsets;

/**
 * The column families of a node's RocksDB database. Each holds one kind of record; keys and values
 * are documented here so the layout can be read in one place.
 */
public enum Column {
  /** Node metadata: chain id, genesis hash, latest committed height. */
  META("meta"),
  /** height (u64 BE) -> encoded BlockHeader. */
  HEADERS("headers"),
  /** height (u64 BE) -> encoded Block. */
  BLOCKS("blocks"),
  /** height (u64 BE) -> encoded CommitCertificate. */
  CERTIFICATES("certificates"),
  /** block hash -> height (u64 BE). */
  BLOCK_HASHES("block-hashes"),
  /** txId -> height (u64 BE) and index (u32 BE). */
  TX_INDEX("tx-index"),
  /** height (u64 BE) and index (u32 BE) -> encoded Receipt. */
  RECEIPTS("receipts"),
  /** The latest value of every state key: contract, 0x00, key -> value. */
  STATE("state"),
  /** Authenticated-state tree nodes, versioned by height. */
  STATE_NODES("state-nodes"),
  /** Bookkeeping of the authenticated state: stale nodes per height, for pruning. */
  STATE_STALE("state-stale");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  /** The RocksDB column family name. */
  public byte[] familyName() {
    return familyName.getBytes(StandardCharsets.US_ASCII);
  }
}
