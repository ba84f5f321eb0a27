package org.chancery.node.bft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.chancery.network.Channel;
import org.chancery.network.PeerException;
import org.chancery.network.PeerHandler;
import org.chancery.network.PeerId;
import org.chancery.network.PeerNetwork;
import org.chancery.network.PeerState;
import org.chancery.network.SyncedBlock;
import org.chancery.node.PeerNetworkFactory;

/**
 * Connects nodes of one JVM without sockets, for fast tests of the consensus engine's logic; the
 * real-process tests cover the gRPC transport. Deliveries are asynchronous, in order per sender,
 * and a node can be cut off.
 */
final class LocalHub {
  private final Map<String, PeerHandler> handlers = new ConcurrentHashMap<>();
  private final Set<String> cut = ConcurrentHashMap.newKeySet();
  private final ExecutorService delivery = Executors.newSingleThreadExecutor();

  PeerNetworkFactory factory() {
    return (config, organisations, handler) -> {
      handlers.put(config.nodeName(), handler);
      return new Endpoint(config.nodeName(), config.organisation());
    };
  }

  /** Drops every message to and from {@code node} until {@link #heal}. */
  void cut(String node) {
    cut.add(node);
  }

  void heal(String node) {
    cut.remove(node);
  }

  /** Delivers {@code payload} to {@code node} as if the peer {@code from} had sent it. */
  void inject(String node, PeerId from, Channel channel, byte[] payload) {
    handlers.get(node).onMessage(from, channel, payload);
  }

  void close() {
    delivery.shutdownNow();
  }

  private final class Endpoint implements PeerNetwork {
    private final String self;
    private final PeerId id;

    Endpoint(String self, String organisation) {
      this.self = self;
      this.id = new PeerId(self, organisation);
    }

    @Override
    public void broadcast(Channel channel, byte[] payload) {
      for (String peer : handlers.keySet()) {
        if (!peer.equals(self)) {
          send(peer, channel, payload);
        }
      }
    }

    @Override
    public boolean send(String peer, Channel channel, byte[] payload) {
      PeerHandler to = handlers.get(peer);
      if (to == null) {
        return false;
      }
      if (!cut.contains(self) && !cut.contains(peer)) {
        delivery.execute(() -> to.onMessage(id, channel, payload));
      }
      return true;
    }

    @Override
    public List<SyncedBlock> fetchBlocks(String peer, long fromHeight, int maxBlocks)
        throws PeerException {
      PeerHandler to = handlers.get(peer);
      if (to == null || cut.contains(self) || cut.contains(peer)) {
        throw new PeerException(peer, "unreachable");
      }
      return to.blocks(id, fromHeight, maxBlocks, 64L << 20);
    }

    @Override
    public List<PeerState> peers() {
      return new ArrayList<>();
    }

    @Override
    public int port() {
      return 0;
    }

    @Override
    public void close() {
      handlers.remove(self);
    }
  }
}
