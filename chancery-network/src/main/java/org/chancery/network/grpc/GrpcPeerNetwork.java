package org.chancery.network.grpc;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.chancery.core.config.HostPort;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.network.Channel;
import org.chancery.network.MessageTooLargeException;
import org.chancery.network.PeerException;
import org.chancery.network.PeerHandler;
import org.chancery.network.PeerNetwork;
import org.chancery.network.PeerState;
import org.chancery.network.SyncedBlock;
import org.chancery.network.proto.PeerMessage;
import org.chancery.network.tls.PeerRejectedException;
import org.chancery.network.tls.PeerTrustManager;
import org.chancery.network.tls.PeerVerifier;
import org.chancery.network.tls.RejectionReason;
import org.chancery.network.tls.RejectionRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PeerNetwork} over gRPC and mutually authenticated TLS 1.3.
 *
 * <p>The node serves {@code chancery.network.v1.Peer} and dials every peer; a message to peer X
 * travels on the Push stream this node opened to X, and X learns who sent it from this node's TLS
 * certificate. Each peer has its own bounded queues and sender thread ({@code PeerLink}), so a slow
 * or dead peer holds up nobody else. See {@code docs/network.md}.
 *
 * <pre>{@code
 * NetworkSettings settings = NetworkSettings.fromPemFiles(
 *     config.nodeName(), config.organisation(), config.p2pListen(),
 *     config.tlsCertificate(), config.tlsKey(), config.tlsCaBundle(),
 *     config.peers().stream().map(p -> PeerAddress.of(p.name(), p.address())).toList());
 * try (GrpcPeerNetwork net = GrpcPeerNetwork.start(settings, handler)) {
 *   net.broadcast(Channel.CONSENSUS, vote);
 *   List<SyncedBlock> blocks = net.fetchBlocks("node2", 42, 100);
 * }
 * }</pre>
 *
 * <p>With port 0 (tests, local clusters), start every node first with its peers {@linkplain
 * PeerAddress#unresolved unresolved}, then tell each where the others listen with {@link #connect}.
 */
public final class GrpcPeerNetwork implements PeerNetwork {
  private static final Logger log = LoggerFactory.getLogger(GrpcPeerNetwork.class);

  /** Peers' streams and sync calls; more from one connection is not a peer's normal behaviour. */
  private static final int MAX_CALLS_PER_CONNECTION = 16;

  private static final long KEEPALIVE_SECONDS = 30;
  private static final long KEEPALIVE_TIMEOUT_SECONDS = 10;
  private static final long SHUTDOWN_WAIT_SECONDS = 5;

  private final NetworkSettings settings;
  private final Map<String, PeerLink> links;
  private final AtomicReference<PeerVerifier> verifier;
  private final RejectionRecorder rejections;
  private final ExecutorService executor;
  private final Server server;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GrpcPeerNetwork(
      NetworkSettings settings,
      Map<String, PeerLink> links,
      AtomicReference<PeerVerifier> verifier,
      RejectionRecorder rejections,
      ExecutorService executor,
      Server server) {
    this.settings = settings;
    this.links = links;
    this.verifier = verifier;
    this.rejections = rejections;
    this.executor = executor;
    this.server = server;
    this.port = server.getPort();
  }

  /**
   * Listens on the settings' address and dials every peer whose address is known.
   *
   * @throws InvalidNetworkSettingsException if this node's own TLS certificate would be refused by
   *     its peers (untrusted, expired, revoked, or naming another node)
   * @throws NetworkStartException if the port cannot be bound or TLS cannot be set up
   */
  public static GrpcPeerNetwork start(NetworkSettings settings, PeerHandler handler) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(handler, "handler");
    PeerVerifier initial =
        new PeerVerifier(
            settings.tls().trustedCas(),
            settings.revoked(),
            settings.peers().stream().map(PeerAddress::name).collect(Collectors.toSet()),
            settings.peers().stream()
                .filter(p -> p.organisation() != null)
                .collect(Collectors.toMap(PeerAddress::name, PeerAddress::organisation)),
            settings.clock());
    try {
      initial.verifyOwn(settings.tls().certificate(), settings.nodeName(), settings.organisation());
    } catch (PeerRejectedException e) {
      throw new InvalidNetworkSettingsException(
          "peers would refuse this node's own TLS certificate ("
              + e.reason()
              + "): "
              + e.getMessage(),
          e);
    }
    AtomicReference<PeerVerifier> verifier = new AtomicReference<>(initial);
    RejectionRecorder rejections = new RejectionRecorder();
    SslContext serverTls =
        TlsContexts.server(settings.tls(), PeerTrustManager.inbound(verifier::get, rejections));
    // Runs gRPC callbacks and the node's handler; handlers may block, so threads are not pooled
    // to a fixed size. Calls are bounded per connection, and only peers get connections.
    ExecutorService executor =
        Executors.newCachedThreadPool(daemonThreads("chancery-net-" + settings.nodeName() + "-"));
    int frameLimit = settings.limits().maxMessageBytes() + PeerService.ENVELOPE_BYTES;

    Map<String, PeerCounters> counters = new LinkedHashMap<>();
    Map<String, PeerLink> links = new LinkedHashMap<>();
    ThreadFactory senders = daemonThreads("chancery-peer-sender-" + settings.nodeName() + "-");
    for (PeerAddress peer : settings.peers()) {
      PeerCounters peerCounters = new PeerCounters();
      counters.put(peer.name(), peerCounters);
      links.put(
          peer.name(),
          new PeerLink(
              peer,
              settings.limits(),
              (name, address) ->
                  openChannel(name, address, settings, verifier, rejections, executor, frameLimit),
              senders,
              verifier::get,
              peerCounters));
    }

    InboundService inbound =
        new InboundService(
            handler, counters, verifier::get, rejections, settings.limits().maxMessageBytes());
    Server server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(settings.listenHost(), settings.listenPort()))
            .sslContext(serverTls)
            .executor(executor)
            .maxInboundMessageSize(frameLimit)
            .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
            .permitKeepAliveTime(KEEPALIVE_SECONDS / 2, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            // A node restarted at once must get its port back despite connections in TIME_WAIT.
            .withOption(ChannelOption.SO_REUSEADDR, true)
            .addService(inbound.definition())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      executor.shutdownNow();
      throw new NetworkStartException(
          "cannot listen for peers on "
              + settings.listenAddress()
              + ": "
              + e.getMessage()
              + "; another process (or another node) may use that port, change the p2p listen"
              + " address or stop it",
          e);
    }
    GrpcPeerNetwork network =
        new GrpcPeerNetwork(settings, links, verifier, rejections, executor, server);
    log.info(
        "event=network-started node={} organisation={} listen={}:{} peers={}",
        settings.nodeName(),
        settings.organisation(),
        settings.listenHost(),
        network.port(),
        links.keySet());
    for (PeerAddress peer : settings.peers()) {
      if (peer.address() != null) {
        links.get(peer.name()).connect(peer.address());
      }
    }
    return network;
  }

  private static ManagedChannel openChannel(
      String peer,
      HostPort address,
      NetworkSettings settings,
      AtomicReference<PeerVerifier> verifier,
      RejectionRecorder rejections,
      ExecutorService executor,
      int frameLimit) {
    SslContext tls =
        TlsContexts.client(
            settings.tls(), PeerTrustManager.outbound(verifier::get, rejections, peer));
    return NettyChannelBuilder.forAddress(unbracketed(address.host()), address.port())
        .sslContext(tls)
        .executor(executor)
        .maxInboundMessageSize(frameLimit)
        .keepAliveTime(KEEPALIVE_SECONDS, TimeUnit.SECONDS)
        .keepAliveTimeout(KEEPALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        // A retried Push would replay buffered messages out of order; the node's own protocols
        // re-send what matters.
        .disableRetry()
        .build();
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    return Thread.ofPlatform().name(prefix, 0).daemon(true).factory();
  }

  @Override
  public void broadcast(Channel channel, byte[] payload) {
    PeerMessage message = message(channel, payload);
    for (PeerLink link : links.values()) {
      link.enqueue(channel, message);
    }
  }

  @Override
  public boolean send(String peer, Channel channel, byte[] payload) {
    PeerLink link = links.get(peer);
    if (link == null) {
      return false;
    }
    link.enqueue(channel, message(channel, payload));
    return true;
  }

  private PeerMessage message(Channel channel, byte[] payload) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(payload, "payload");
    int limit = settings.limits().maxMessageBytes();
    if (payload.length > limit) {
      throw new MessageTooLargeException(channel, payload.length, limit);
    }
    // One immutable copy, shared by every peer's queue.
    return PeerMessage.newBuilder()
        .setChannel(PeerService.toWire(channel))
        .setPayload(ByteString.copyFrom(payload))
        .build();
  }

  /**
   * {@inheritDoc}
   *
   * @throws PeerException also when {@code peer} is not configured or its address is not known
   * @throws IllegalArgumentException if {@code fromHeight} is negative or {@code maxBlocks} is not
   *     positive
   */
  @Override
  public List<SyncedBlock> fetchBlocks(String peer, long fromHeight, int maxBlocks)
      throws PeerException {
    if (fromHeight < 0) {
      throw new IllegalArgumentException("fromHeight must not be negative, got " + fromHeight);
    }
    if (maxBlocks < 1) {
      throw new IllegalArgumentException("maxBlocks must be at least 1, got " + maxBlocks);
    }
    PeerLink link = links.get(peer);
    if (link == null) {
      throw new PeerException(
          String.valueOf(peer),
          "no such peer is configured; the configured peers are " + links.keySet());
    }
    return link.fetchBlocks(fromHeight, maxBlocks);
  }

  @Override
  public List<PeerState> peers() {
    return links.values().stream().map(PeerLink::state).toList();
  }

  @Override
  public int port() {
    return port;
  }

  /**
   * Dials {@code peer} at {@code address}: the first address of a peer configured {@linkplain
   * PeerAddress#unresolved unresolved}, or a new one for a peer that moved. Messages queued
   * meanwhile are sent once the stream is up.
   *
   * <pre>{@code
   * net.connect("node2", new HostPort("127.0.0.1", node2.port()));
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code peer} is not configured
   * @throws IllegalStateException if this network is closed
   */
  public void connect(String peer, HostPort address) {
    PeerLink link = links.get(peer);
    if (link == null) {
      throw new IllegalArgumentException(
          "peer " + peer + " is not configured; the configured peers are " + links.keySet());
    }
    link.connect(address);
  }

  /**
   * Refuses from now on the certificates {@code revoked} lists: new handshakes fail, and open
   * streams to or from a peer whose certificate is revoked are closed at their next message.
   */
  public void updateRevocations(RevocationSet revoked) {
    Objects.requireNonNull(revoked, "revoked");
    verifier.updateAndGet(v -> v.withRevocations(revoked));
  }

  /**
   * How many times a peer was refused since start, by reason (every reason is present): in a TLS
   * handshake, either side, or when a call arrived on a connection whose peer was revoked since.
   */
  public Map<RejectionReason, Long> rejectedPeers() {
    return rejections.counts();
  }

  /** This node's TLS certificate, as peers see it. */
  public X509Certificate certificate() {
    return settings.tls().certificate();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Close links in parallel: each may wait for its sender and channel to finish.
    List<Thread> closing =
        links.values().stream().map(link -> Thread.ofPlatform().start(link::close)).toList();
    server.shutdownNow();
    boolean interrupted = false;
    try {
      for (Thread thread : closing) {
        thread.join();
      }
      if (!server.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn(
            "event=network-close-slow node={} detail=\"server still stopping after {}s\"",
            settings.nodeName(),
            SHUTDOWN_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    executor.shutdownNow();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    log.info("event=network-closed node={}", settings.nodeName());
  }
}
