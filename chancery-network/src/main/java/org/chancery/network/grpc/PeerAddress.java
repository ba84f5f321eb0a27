package org.chancery.network.grpc;

import java.util.Objects;
import org.chancery.core.config.HostPort;

/**
 * A peer this node talks to: its node name (the CN of its TLS certificate), optionally the
 * organisation its certificate must come from, and where to dial it.
 *
 * <pre>{@code
 * PeerAddress node2 = PeerAddress.of("node2", HostPort.parse("10.0.0.12:7100"));
 * PeerAddress pinned = new PeerAddress("node3", "court", HostPort.parse("10.0.0.13:7100"));
 * PeerAddress later = PeerAddress.unresolved("node4", null); // dialled after connect(...)
 * }</pre>
 *
 * @param name the peer's node name
 * @param organisation the organisation whose TLS CA must have issued the peer's certificate; {@code
 *     null} accepts any organisation of the network. Pin it where it is known (the genesis lists
 *     each validator's organisation), so that no organisation's CA can stand in for another's node
 * @param address where to dial the peer; {@code null} while it is not known, in which case the
 *     peer's messages wait in its queues until {@link GrpcPeerNetwork#connect} names an address
 */
public record PeerAddress(String name, String organisation, HostPort address) {
  public PeerAddress {
    if (name == null || name.isBlank()) {
      throw new InvalidNetworkSettingsException("a peer's name must not be blank");
    }
    if (organisation != null && organisation.isBlank()) {
      throw new InvalidNetworkSettingsException(
          "peer " + name + " has a blank organisation; leave it out (null) to accept any");
    }
  }

  /** A peer at {@code address}, from any organisation of the network. */
  public static PeerAddress of(String name, HostPort address) {
    return new PeerAddress(name, null, Objects.requireNonNull(address, "address"));
  }

  /** A peer whose address is not known yet. */
  public static PeerAddress unresolved(String name, String organisation) {
    return new PeerAddress(name, organisation, null);
  }

  /** This peer at another address. */
  public PeerAddress at(HostPort newAddress) {
    return new PeerAddress(name, organisation, newAddress);
  }
}
