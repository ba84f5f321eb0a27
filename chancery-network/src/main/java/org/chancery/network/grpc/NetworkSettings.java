package org.chancery.network.grpc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.chancery.core.config.HostPort;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.network.tls.TlsMaterial;

/**
 * Everything {@link GrpcPeerNetwork#start} needs.
 *
 * <pre>{@code
 * NetworkSettings settings = NetworkSettings.fromPemFiles(
 *     "node1", "tax-bureau", HostPort.parse("0.0.0.0:7100"),
 *     tlsDir.resolve("cert.pem"), tlsDir.resolve("key.pem"), tlsDir.resolve("ca-bundle.pem"),
 *     List.of(PeerAddress.of("node2", HostPort.parse("10.0.0.12:7100"))));
 * }</pre>
 *
 * @param nodeName this node's name, the CN of its TLS certificate
 * @param organisation this node's organisation, the O of its TLS certificate
 * @param listenHost the address to listen on, for example {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param listenPort the port to listen on; 0 picks a free one ({@link GrpcPeerNetwork#port()})
 * @param tls this node's TLS certificate and key and the trusted TLS CAs
 * @param peers the other nodes, in the order {@code peers()} reports them; never this node
 * @param limits queue bounds, message size, deadline and backoff
 * @param revoked certificates to refuse (from the chain's revocations)
 * @param clock the time certificates are checked at
 */
public record NetworkSettings(
    String nodeName,
    String organisation,
    String listenHost,
    int listenPort,
    TlsMaterial tls,
    List<PeerAddress> peers,
    TransportLimits limits,
    RevocationSet revoked,
    Clock clock) {

  public NetworkSettings {
    if (nodeName == null || nodeName.isBlank()) {
      throw new InvalidNetworkSettingsException("the node name must not be blank");
    }
    if (organisation == null || organisation.isBlank()) {
      throw new InvalidNetworkSettingsException("the node's organisation must not be blank");
    }
    if (listenHost == null || listenHost.isBlank()) {
      throw new InvalidNetworkSettingsException(
          "the listen host must not be blank; use 0.0.0.0 to listen on every interface");
    }
    if (listenPort < 0 || listenPort > 65535) {
      throw new InvalidNetworkSettingsException(
          "the listen port must be between 0 (any free port) and 65535, got " + listenPort);
    }
    Objects.requireNonNull(tls, "tls");
    peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(revoked, "revoked");
    Objects.requireNonNull(clock, "clock");
    Set<String> names = new HashSet<>();
    for (PeerAddress peer : peers) {
      if (peer.name().equals(nodeName)) {
        throw new InvalidNetworkSettingsException(
            "peer " + peer.name() + " is this node itself; list only the other nodes as peers");
      }
      if (!names.add(peer.name())) {
        throw new InvalidNetworkSettingsException(
            "peer " + peer.name() + " is listed twice; node names must be unique");
      }
    }
  }

  /**
   * Settings with default limits, no revocations and the system clock.
   *
   * @param listen where to listen; {@link #withListenPort} picks port 0
   */
  public static NetworkSettings of(
      String nodeName,
      String organisation,
      HostPort listen,
      TlsMaterial tls,
      List<PeerAddress> peers) {
    Objects.requireNonNull(listen, "listen");
    return new NetworkSettings(
        nodeName,
        organisation,
        listen.host(),
        listen.port(),
        tls,
        peers,
        TransportLimits.defaults(),
        RevocationSet.empty(),
        Clock.systemUTC());
  }

  /**
   * As {@link #of}, reading the TLS files {@code network init} writes for a node ({@code
   * tls/cert.pem}, {@code tls/key.pem}, {@code tls/ca-bundle.pem}).
   *
   * @throws org.chancery.network.tls.InvalidTlsMaterialException naming a file that cannot be used
   */
  public static NetworkSettings fromPemFiles(
      String nodeName,
      String organisation,
      HostPort listen,
      Path certificate,
      Path privateKey,
      Path caBundle,
      List<PeerAddress> peers) {
    return of(
        nodeName,
        organisation,
        listen,
        TlsMaterial.fromPemFiles(certificate, privateKey, caBundle),
        peers);
  }

  /** These settings listening on {@code port} (0 for any free port). */
  public NetworkSettings withListenPort(int port) {
    return new NetworkSettings(
        nodeName, organisation, listenHost, port, tls, peers, limits, revoked, clock);
  }

  /** These settings with other peers. */
  public NetworkSettings withPeers(List<PeerAddress> newPeers) {
    return new NetworkSettings(
        nodeName, organisation, listenHost, listenPort, tls, newPeers, limits, revoked, clock);
  }

  /** These settings with other limits. */
  public NetworkSettings withLimits(TransportLimits newLimits) {
    return new NetworkSettings(
        nodeName, organisation, listenHost, listenPort, tls, peers, newLimits, revoked, clock);
  }

  /** These settings with another revocation set. */
  public NetworkSettings withRevoked(RevocationSet newRevoked) {
    return new NetworkSettings(
        nodeName, organisation, listenHost, listenPort, tls, peers, limits, newRevoked, clock);
  }

  /** These settings checking certificates at {@code newClock}'s time. */
  public NetworkSettings withClock(Clock newClock) {
    return new NetworkSettings(
        nodeName, organisation, listenHost, listenPort, tls, peers, limits, revoked, newClock);
  }

  /** The address to listen on, as {@code host:port}. */
  public String listenAddress() {
    return listenHost + ":" + listenPort;
  }
}
