package org.chancery.network.grpc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.core.config.HostPort;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.network.PeerState;

/**
 * Nodes on 127.0.0.1 with ports the kernel picks: every node starts with its peers unresolved, then
 * each is told where the others listen. Closing the cluster closes every node.
 */
final class TestCluster implements AutoCloseable {
  /** A node of the cluster: its name and organisation. */
  record Member(String name, String organisation) {}

  private final TestPki pki;
  private final TransportLimits limits;
  private final List<Member> members;
  private final Map<String, GrpcPeerNetwork> networks = new LinkedHashMap<>();
  private final Map<String, RecordingHandler> handlers = new LinkedHashMap<>();

  private TestCluster(TestPki pki, TransportLimits limits, List<Member> members) {
    this.pki = pki;
    this.limits = limits;
    this.members = List.copyOf(members);
  }

  /** Starts {@code members} and connects each to every other. */
  static TestCluster start(TestPki pki, TransportLimits limits, Member... members) {
    TestCluster cluster = new TestCluster(pki, limits, List.of(members));
    try {
      for (Member member : members) {
        cluster.startNode(member, 0);
      }
      for (Member member : members) {
        cluster.connectAll(member.name());
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Fast reconnects and a short deadline, so that failure paths finish quickly in tests. */
  static TransportLimits testLimits() {
    return TransportLimits.defaults()
        .withReconnectBackoff(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(200))
        .withCallDeadline(java.time.Duration.ofSeconds(2));
  }

  NetworkSettings settingsFor(Member member, int port) {
    List<PeerAddress> peers = new ArrayList<>();
    for (Member other : members) {
      if (!other.equals(member)) {
        peers.add(PeerAddress.unresolved(other.name(), other.organisation()));
      }
    }
    return new NetworkSettings(
        member.name(),
        member.organisation(),
        "127.0.0.1",
        port,
        pki.node(member.organisation(), member.name()),
        peers,
        limits,
        RevocationSet.empty(),
        Clock.systemUTC());
  }

  /** Starts (or restarts) {@code member} listening on {@code port}, 0 for any. */
  GrpcPeerNetwork startNode(Member member, int port) {
    RecordingHandler handler = new RecordingHandler();
    GrpcPeerNetwork network = GrpcPeerNetwork.start(settingsFor(member, port), handler);
    networks.put(member.name(), network);
    handlers.put(member.name(), handler);
    return network;
  }

  /** Tells {@code name} where every other running node listens. */
  void connectAll(String name) {
    for (Map.Entry<String, GrpcPeerNetwork> other : networks.entrySet()) {
      if (!other.getKey().equals(name)) {
        networks.get(name).connect(other.getKey(), address(other.getKey()));
      }
    }
  }

  HostPort address(String name) {
    return new HostPort("127.0.0.1", networks.get(name).port());
  }

  Member member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  GrpcPeerNetwork network(String name) {
    return networks.get(name);
  }

  RecordingHandler handler(String name) {
    return handlers.get(name);
  }

  static PeerState state(GrpcPeerNetwork network, String peer) {
    return network.peers().stream().filter(p -> p.name().equals(peer)).findFirst().orElseThrow();
  }

  void awaitAllConnected() {
    Eventually.until(
        "every node connected to every peer",
        () ->
            networks.values().stream()
                .allMatch(n -> n.peers().stream().allMatch(PeerState::connected)));
  }

  @Override
  public void close() {
    networks.values().forEach(GrpcPeerNetwork::close);
  }
}
