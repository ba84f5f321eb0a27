package org.chancery.node;

import java.io.IOException;
import java.util.Map;
import org.chancery.network.PeerHandler;
import org.chancery.network.PeerNetwork;
import org.chancery.network.grpc.GrpcPeerNetwork;
import org.chancery.network.grpc.NetworkSettings;
import org.chancery.network.grpc.PeerAddress;
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
      (config, organisations, handler) ->
          GrpcPeerNetwork.start(
              NetworkSettings.fromPemFiles(
                  config.nodeName(),
                  config.organisation(),
                  config.p2pListen(),
                  config.tlsCertificate(),
                  config.tlsKey(),
                  config.tlsCaBundle(),
                  config.peers().stream()
                      .map(p -> new PeerAddress(p.name(), organisations.get(p.name()), p.address()))
                      .toList()),
              handler);

  /**
   * Starts the network.
   *
   * @param config the node's configuration: its TLS material, listen address and peers
   * @param organisations the organisation of each peer the genesis names (validators), so that only
   *     that organisation's TLS CA can vouch for it; peers not listed may be of any member
   *     organisation
   * @param handler where peers' messages go
   */
  PeerNetwork start(NodeConfig config, Map<String, String> organisations, PeerHandler handler)
      throws IOException;
}
