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
  /**
   * Authenticated-state tree nodes: version (u64 BE), depth (u16 BE), path (the first depth bits of
   * the key hash, ceil(depth / 8) bytes, unused low bits zero) -> encoded node. A node is written
   * once, at the height that created it, and deleted only by pruning.
   */
  STATE_NODES("state-nodes"),
  /**
   * Stale tree nodes, for pruning: height (u64 BE) at which a node stopped being part of the latest
   * tree, then the node's STATE_NODES key -> empty.
   */
  STATE_STALE("state-stale"),
  /**
   * One record per retained state version: height (u64 BE) -> root node kind (u8), root node
   * version (u64 BE), root hash (32 bytes). The last entry is the latest committed version.
   */
  STATE_ROOTS("state-roots");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  /** The RocksDB column family name. */
  public byte[] familyName() {
    return familyName.getBytes(StandardCharsets.US_ASCII);
  }
}
