package org.chancery.core.genesis;

/**
 * Consensus tuning, fixed in the genesis and later changed only by governance. Timeouts follow the
 * Tendermint paper: the timeout of a step in round r is {@code base + r * delta}.
 *
 * @param type bft or solo
 * @param proposeTimeoutMs base timeout of the propose step
 * @param proposeTimeoutDeltaMs growth of the propose timeout per round
 * @param prevoteTimeoutMs base timeout after 2f+1 prevotes for anything
 * @param prevoteTimeoutDeltaMs growth per round
 * @param precommitTimeoutMs base timeout after 2f+1 precommits for anything
 * @param precommitTimeoutDeltaMs growth per round
 * @param blockIntervalMs target time between blocks (solo: cut a block at least this often when
 *     transactions wait; bft: minimum pause after a commit)
 * @param maxBlockTxs most transactions in one block
 * @param maxBlockBytes most bytes of transactions in one block
 * @param maxClockDriftMs how far a proposed block's time may be ahead of a validator's clock
 */
public record ConsensusParameters(
    ConsensusType type,
    long proposeTimeoutMs,
    long proposeTimeoutDeltaMs,
    long prevoteTimeoutMs,
    long prevoteTimeoutDeltaMs,
    long precommitTimeoutMs,
    long precommitTimeoutDeltaMs,
    long blockIntervalMs,
    int maxBlockTxs,
    long maxBlockBytes,
    long maxClockDriftMs) {

  /** These parameters with another block interval and block size. */
  public ConsensusParameters withBlocks(long intervalMs, int maxTxs) {
    return new ConsensusParameters(
        type,
        proposeTimeoutMs,
        proposeTimeoutDeltaMs,
        prevoteTimeoutMs,
        prevoteTimeoutDeltaMs,
        precommitTimeoutMs,
        precommitTimeoutDeltaMs,
        intervalMs,
        maxTxs,
        maxBlockBytes,
        maxClockDriftMs);
  }

  /** Defaults for a local network on one machine or a LAN. */
  public static ConsensusParameters defaults(ConsensusType type) {
    return new ConsensusParameters(
        type, 3000, 500, 1000, 500, 1000, 500, 200, 2000, 4L * 1024 * 1024, 2000);
  }
}
