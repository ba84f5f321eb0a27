package org.chancery.network;

import java.util.List;

/**
 * A node's connections to the other nodes of its network. Pushing never blocks the caller: each
 * peer has bounded queues per {@link Channel}; a full queue drops its oldest message (consensus
 * messages are re-sent by the node, transactions reach peers by other paths) and counts the drop. A
 * slow or dead peer never holds up the others.
 *
 * <pre>{@code
 * PeerNetwork net = GrpcPeerNetwork.start(settings, handler);
 * net.broadcast(Channel.CONSENSUS, encodedVote);
 * List<SyncedBlock> blocks = net.fetchBlocks("node2", 41, 100);
 * }</pre>
 */
public interface PeerNetwork extends AutoCloseable {

  /**
   * Queues {@code payload} for every configured peer. The bytes are copied, so the caller may reuse
   * the array.
   *
   * @throws MessageTooLargeException if the payload exceeds the network's maximum message size
   */
  void broadcast(Channel channel, byte[] payload);

  /**
   * Queues {@code payload} for one peer; false if no such peer is configured.
   *
   * @throws MessageTooLargeException if the payload exceeds the network's maximum message size
   */
  boolean send(String peer, Channel channel, byte[] payload);

  /**
   * Asks {@code peer} for committed blocks from {@code fromHeight} on, at most {@code maxBlocks};
   * the call has a deadline.
   *
   * @throws PeerException if the peer is unreachable, slow past the deadline, or refuses
   */
  List<SyncedBlock> fetchBlocks(String peer, long fromHeight, int maxBlocks) throws PeerException;

  /** The configured peers, in configuration order. */
  List<PeerState> peers();

  /** The port the network listens on (useful when configured with port 0). */
  int port();

  /** Closes every connection and stops listening. */
  @Override
  void close();
}
