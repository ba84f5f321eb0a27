package org.chancery.network.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.chancery.core.config.HostPort;
import org.chancery.network.Channel;
import org.chancery.network.PeerException;
import org.chancery.network.PeerState;
import org.chancery.network.SyncedBlock;
import org.chancery.network.proto.BlockEntry;
import org.chancery.network.proto.BlocksRequest;
import org.chancery.network.proto.PeerMessage;
import org.chancery.network.proto.PushSummary;
import org.chancery.network.tls.PeerVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the connection to one peer: a bounded queue per channel, and one sender
 * thread that keeps a Push stream open to the peer and drains the queues into it.
 *
 * <p>Enqueueing never blocks: a full queue drops its oldest message. The sender writes only while
 * the stream {@linkplain ClientCall#isReady() is ready}, so a slow peer's HTTP/2 flow control backs
 * up into this peer's queues and nowhere else. Consensus messages go before transactions. A broken
 * stream is re-opened after a backoff that doubles from the initial wait to the maximum and starts
 * again from the initial wait once a stream was accepted.
 *
 * <p>The sender thread is the only one that touches the current {@link ClientCall}; gRPC's
 * callbacks only record what happened under {@link #lock} and wake the sender.
 */
final class PeerLink {
  private static final Logger log = LoggerFactory.getLogger(PeerLink.class);

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final PeerAddress peer;
  private final TransportLimits limits;
  private final BiFunction<String, HostPort, ManagedChannel> channels;
  private final ThreadFactory senderThreads;
  private final Supplier<PeerVerifier> verifier;
  private final PeerCounters counters;

  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled on a new message, a ready stream, a closed stream, a new address, and close. */
  private final Condition changed = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<PeerMessage> consensus = new ArrayDeque<>();
  private final ArrayDeque<PeerMessage> transactions = new ArrayDeque<>();
  private HostPort address;
  private ManagedChannel channel;
  private long generation;
  private PushStream current;
  private Thread sender;
  private boolean closed;

  PeerLink(
      PeerAddress peer,
      TransportLimits limits,
      BiFunction<String, HostPort, ManagedChannel> channels,
      ThreadFactory senderThreads,
      Supplier<PeerVerifier> verifier,
      PeerCounters counters) {
    this.peer = Objects.requireNonNull(peer, "peer");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.senderThreads = Objects.requireNonNull(senderThreads, "senderThreads");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  String name() {
    return peer.name();
  }

  /** Queues {@code message}; if the channel's queue is full, its oldest message is dropped. */
  void enqueue(Channel on, PeerMessage message) {
    lock.lock();
    try {
      if (closed) {
        counters.countDropped();
        return;
      }
      ArrayDeque<PeerMessage> queue = on == Channel.CONSENSUS ? consensus : transactions;
      int capacity =
          on == Channel.CONSENSUS
              ? limits.consensusQueueCapacity()
              : limits.transactionQueueCapacity();
      if (queue.size() >= capacity) {
        queue.pollFirst();
        counters.countDropped();
      }
      queue.addLast(message);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Dials the peer at {@code newAddress}, replacing the connection to any earlier address. The
   * first call starts the sender thread.
   */
  void connect(HostPort newAddress) {
    Objects.requireNonNull(newAddress, "newAddress");
    ManagedChannel old;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the network is closed; start a new one");
      }
      if (newAddress.equals(address) && channel != null) {
        return;
      }
      old = channel;
      channel = channels.apply(peer.name(), newAddress);
      address = newAddress;
      generation++;
      if (sender == null) {
        sender = senderThreads.newThread(this::sendLoop);
        sender.start();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (old != null) {
      old.shutdownNow();
    }
  }

  /** Stops the sender and the connection; queued messages are abandoned. */
  void close() {
    Thread thread;
    ManagedChannel toClose;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      thread = sender;
      toClose = channel;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    try {
      if (thread != null) {
        thread.join(CLOSE_WAIT);
      }
      if (toClose != null) {
        toClose.shutdownNow();
        toClose.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  PeerState state() {
    lock.lock();
    try {
      return new PeerState(
          peer.name(),
          address == null ? "(unknown)" : address.toString(),
          current != null && current.accepted && current.status == null,
          consensus.size() + transactions.size(),
          counters.messagesSent(),
          counters.messagesReceived(),
          counters.bytesSent(),
          counters.bytesReceived(),
          counters.dropped());
    } finally {
      lock.unlock();
    }
  }

  /** Asks the peer for blocks; see {@link org.chancery.network.PeerNetwork#fetchBlocks}. */
  List<SyncedBlock> fetchBlocks(long fromHeight, int maxBlocks) throws PeerException {
    ManagedChannel ch;
    HostPort at;
    lock.lock();
    try {
      if (closed) {
        throw new PeerException(peer.name(), "this node's network is closed");
      }
      ch = channel;
      at = address;
    } finally {
      lock.unlock();
    }
    if (ch == null) {
      throw new PeerException(
          peer.name(),
          "its address is not known yet; configure it in the peers or connect it first");
    }
    Duration deadline = limits.callDeadline();
    CompletableFuture<List<SyncedBlock>> answer = new CompletableFuture<>();
    BlocksRequest request =
        BlocksRequest.newBuilder().setFromHeight(fromHeight).setMaxBlocks(maxBlocks).build();
    ClientCall<BlocksRequest, BlockEntry> call =
        ch.newCall(
            PeerService.BLOCKS,
            CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
    ClientCalls.asyncServerStreamingCall(
        call, request, new BlockCollector(fromHeight, maxBlocks, answer));
    try {
      // gRPC enforces the deadline; the extra second only guards against a lost callback.
      return answer.get(deadline.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel("fetchBlocks gave up waiting", null);
      throw new PeerException(
          peer.name(), "no answer within " + deadline + " (deadline exceeded) from " + at, e);
    } catch (InterruptedException e) {
      call.cancel("fetchBlocks interrupted", null);
      Thread.currentThread().interrupt();
      throw new PeerException(peer.name(), "interrupted while fetching blocks", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), at, deadline);
    }
  }

  private PeerException failure(Throwable cause, HostPort at, Duration deadline) {
    if (cause instanceof PeerException pe) {
      return pe;
    }
    Status status = Status.fromThrowable(cause);
    String detail = status.getDescription() == null ? "" : ": " + status.getDescription();
    String message =
        switch (status.getCode()) {
          case DEADLINE_EXCEEDED ->
              "no answer within " + deadline + " (deadline exceeded) from " + at + detail;
          case UNAVAILABLE ->
              "unreachable at "
                  + at
                  + detail
                  + "; check that it runs, listens there and accepts this node's TLS certificate";
          case UNAUTHENTICATED, PERMISSION_DENIED -> "refused this node" + detail;
          case RESOURCE_EXHAUSTED ->
              "answered with more than the maximum message size of "
                  + limits.maxMessageBytes()
                  + " bytes"
                  + detail
                  + "; every node should use the same maxMessageBytes";
          default -> "answered " + status.getCode() + detail;
        };
    return new PeerException(peer.name(), message, cause);
  }

  /** Collects a Blocks answer and checks it is what was asked for. */
  private final class BlockCollector implements ClientResponseObserver<BlocksRequest, BlockEntry> {
    private final long fromHeight;
    private final int maxBlocks;
    private final CompletableFuture<List<SyncedBlock>> answer;
    private final List<SyncedBlock> blocks = new ArrayList<>();
    private ClientCallStreamObserver<BlocksRequest> call;

    BlockCollector(long fromHeight, int maxBlocks, CompletableFuture<List<SyncedBlock>> answer) {
      this.fromHeight = fromHeight;
      this.maxBlocks = maxBlocks;
      this.answer = answer;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<BlocksRequest> requestStream) {
      this.call = requestStream;
    }

    @Override
    public void onNext(BlockEntry entry) {
      if (answer.isDone()) {
        return;
      }
      long expected = fromHeight + blocks.size();
      if (blocks.size() == maxBlocks || entry.getHeight() != expected) {
        String problem =
            blocks.size() == maxBlocks
                ? "sent more than the " + maxBlocks + " blocks asked for"
                : "sent block " + entry.getHeight() + " where block " + expected + " was due";
        answer.completeExceptionally(
            new PeerException(
                peer.name(), problem + "; its answer was discarded, ask another peer"));
        call.cancel("answer out of order", null);
        return;
      }
      blocks.add(
          new SyncedBlock(
              entry.getHeight(),
              entry.getBlock().toByteArray(),
              entry.getCertificate().toByteArray()));
    }

    @Override
    public void onError(Throwable t) {
      answer.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      answer.complete(List.copyOf(blocks));
    }
  }

  // ---- the sender ----

  private enum Outcome {
    CLOSING,
    REDIRECTED,
    BROKEN
  }

  private void sendLoop() {
    long initial = limits.reconnectInitialBackoff().toNanos();
    long max = limits.reconnectMaxBackoff().toNanos();
    long backoff = initial;
    int failures = 0;
    while (true) {
      ManagedChannel ch;
      long gen;
      HostPort at;
      lock.lock();
      try {
        if (closed) {
          return;
        }
        ch = channel;
        gen = generation;
        at = address;
      } finally {
        lock.unlock();
      }
      PushStream stream = new PushStream(at);
      Outcome outcome = pushUntilBroken(ch, gen, stream);
      if (outcome == Outcome.CLOSING) {
        return;
      }
      if (outcome == Outcome.REDIRECTED) {
        backoff = initial;
        failures = 0;
        continue;
      }
      if (stream.accepted) {
        backoff = initial;
        failures = 0;
      }
      failures++;
      long wait = backoff + ThreadLocalRandom.current().nextLong(backoff / 5 + 1);
      logBroken(stream, failures, wait);
      if (!awaitBackoff(wait, gen)) {
        continue;
      }
      backoff = Math.min(backoff * 2, max);
      // gRPC's own reconnect backoff (up to two minutes) would otherwise outlast ours.
      ch.resetConnectBackoff();
    }
  }

  private Outcome pushUntilBroken(ManagedChannel ch, long gen, PushStream stream) {
    ClientCall<PeerMessage, PushSummary> call = ch.newCall(PeerService.PUSH, CallOptions.DEFAULT);
    lock.lock();
    try {
      current = stream;
    } finally {
      lock.unlock();
    }
    call.start(stream, new Metadata());
    call.request(1);
    while (true) {
      PeerMessage next = null;
      String cancel = null;
      Outcome outcome = null;
      lock.lock();
      try {
        while (!closed
            && generation == gen
            && stream.status == null
            && !(stream.accepted && stream.serverCertificate == null)
            && (nothingQueued() || !call.isReady())) {
          changed.await();
        }
        if (closed) {
          cancel = "this node is closing";
          outcome = Outcome.CLOSING;
        } else if (generation != gen) {
          cancel = "the peer's address changed";
          outcome = Outcome.REDIRECTED;
        } else if (stream.status != null) {
          outcome = Outcome.BROKEN;
        } else if (stream.accepted && stream.serverCertificate == null) {
          stream.serverCertificate = serverCertificate(call);
          if (stream.serverCertificate == null) {
            cancel = "no TLS certificate on the stream";
            outcome = Outcome.BROKEN;
          }
        } else if (stream.serverCertificate != null
            && verifier.get().isRevoked(stream.serverCertificate)) {
          cancel = "the peer's TLS certificate was revoked";
          outcome = Outcome.BROKEN;
        } else if (call.isReady()) {
          next = consensus.isEmpty() ? transactions.pollFirst() : consensus.pollFirst();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel = "the sender was interrupted";
        outcome = Outcome.CLOSING;
      } finally {
        lock.unlock();
      }
      if (cancel != null) {
        stream.cancelledBecause = cancel;
        call.cancel(cancel, null);
      }
      if (outcome != null) {
        return outcome;
      }
      if (next != null) {
        // Counted first, so no peer can have a message this node's counters do not show yet.
        counters.countSent(next.getPayload().size());
        call.sendMessage(next);
      }
    }
  }

  private boolean nothingQueued() {
    return consensus.isEmpty() && transactions.isEmpty();
  }

  /** The certificate the server presented, read on the sender thread that owns the call. */
  private static X509Certificate serverCertificate(ClientCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /** Waits {@code nanos}; false if the link closed or was pointed elsewhere meanwhile. */
  private boolean awaitBackoff(long nanos, long gen) {
    lock.lock();
    try {
      long deadline = System.nanoTime() + nanos;
      while (!closed && generation == gen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        changed.awaitNanos(left);
      }
      return false;
    } catch (InterruptedException e) {
      // Nothing here interrupts senders; if something else does, stop rather than spin.
      Thread.currentThread().interrupt();
      closed = true;
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void logBroken(PushStream stream, int failures, long waitNanos) {
    Status status = stream.status;
    String reason =
        stream.cancelledBecause != null
            ? stream.cancelledBecause
            : status == null ? "unknown" : status.getCode() + " " + describe(status);
    long waitMillis = TimeUnit.NANOSECONDS.toMillis(waitNanos);
    // The first failure after a working stream is news; a dead peer's every retry is not.
    if (failures == 1) {
      log.warn(
          "event=peer-stream-broken peer={} address={} reason=\"{}\" retryInMs={}",
          peer.name(),
          stream.address,
          reason,
          waitMillis);
    } else {
      log.debug(
          "event=peer-stream-retry peer={} address={} failures={} reason=\"{}\" retryInMs={}",
          peer.name(),
          stream.address,
          failures,
          reason,
          waitMillis);
    }
  }

  /**
   * One line for the log: the deepest cause says what went wrong (a TLS alert, a refused
   * connection); gRPC's own description adds Netty pipeline dumps and repeats it.
   */
  private static String describe(Status status) {
    Throwable root = status.getCause();
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text =
        root != null && root.getMessage() != null
            ? root.getClass().getSimpleName() + ": " + root.getMessage()
            : String.valueOf(status.getDescription());
    return text.replaceAll("\\s+", " ").replace('"', '\'');
  }

  /** One Push stream's callbacks and what they reported; fields guarded by {@link #lock}. */
  private final class PushStream extends ClientCall.Listener<PushSummary> {
    private final HostPort address;
    private boolean accepted;
    private Status status;
    private X509Certificate serverCertificate;
    private String cancelledBecause;

    PushStream(HostPort address) {
      this.address = address;
    }

    @Override
    public void onHeaders(Metadata headers) {
      // The receiver sends its headers as soon as it has authenticated this node: accepted.
      lock.lock();
      try {
        accepted = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      log.info("event=peer-connected peer={} address={}", peer.name(), address);
    }

    @Override
    public void onReady() {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onClose(Status closeStatus, Metadata trailers) {
      lock.lock();
      try {
        status = closeStatus;
        if (current == this) {
          current = null;
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
