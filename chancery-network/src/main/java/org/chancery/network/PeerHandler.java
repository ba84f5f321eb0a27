package org.chancery.network;

import java.util.List;

/**
 * What the node gives its {@link PeerNetwork}: where pushed messages go and where block sync reads
 * from. The network calls these on its own threads, concurrently.
 */
public interface PeerHandler {

  /**
   * A message an authenticated peer pushed on {@code channel}. Must return quickly (hand the work
   * to the node's own threads); the payload is the peer's bytes, unchecked.
   */
  void onMessage(PeerId from, Channel channel, byte[] payload);

  /**
   * Committed blocks from {@code fromHeight} on, in order, at most {@code maxBlocks} of them and
   * about {@code maxBytes} in total (at least one block if {@code fromHeight} exists); empty if
   * this node has not committed {@code fromHeight}.
   */
  List<SyncedBlock> blocks(PeerId requester, long fromHeight, int maxBlocks, long maxBytes);
}
