package org.chancery.node;

import java.io.IOException;
import org.chancery.network.PeerHandler;
import org.chancery.network.PeerNetwork;
import org.chancery.node.config.NodeConfig;

/**
 * Opens a BFT node's connections to its peers, delivering what they send to {@code handler}.
 *
 * <pre>{@code
 * ChanceryNode node = ChanceryNode.start(config, Clock.systemUTC(), PeerNetworkFactory.GRPC);
 * }</pre>
 */
@FunctionalInterface
public interface PeerNetworkFactory {

  /** gRPC over mutually authenticated TLS 1.3 with the keys and peers of the node's config. */
  PeerNetworkFactory GRPC =
      (config, handler) -> {
        throw new org.chancery.core.config.ConfigException(
            "node configuration",
            0,
            "p2p",
            "this build has no peer transport yet; BFT networks cannot start");
      };

  PeerNetwork start(NodeConfig config, PeerHandler handler) throws IOException;
}
