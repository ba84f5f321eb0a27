package org.chancery.consensus.driver;

/**
 * {@code valid(v)} of Algorithm 1: what the node found when it executed a proposed block (roots,
 * proposer, timestamp and transactions all as the header claims, or not).
 */
public enum Validity {
  VALID,
  INVALID
}
