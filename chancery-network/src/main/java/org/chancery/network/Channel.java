package org.chancery.network;

/**
 * What a pushed message is about. Each channel has its own queue per peer, so a flood of gossiped
 * transactions never delays a vote.
 */
public enum Channel {
  /** Proposals (with their blocks), votes, certificates and height announcements. */
  CONSENSUS,
  /** Transactions gossiped from the node that admitted them. */
  TRANSACTIONS
}
