package org.chancery.network.grpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.chancery.network.Channel;
import org.chancery.network.PeerHandler;
import org.chancery.network.PeerId;
import org.chancery.network.SyncedBlock;

/**
 * A node as the network sees it: records every message, serves blocks {@code 0..tip} made of their
 * height, and can be told to block in {@code onMessage} or {@code blocks}.
 */
final class RecordingHandler implements PeerHandler {
  record Received(PeerId from, Channel channel, String text) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<PeerId> blockRequesters = new CopyOnWriteArrayList<>();
  private volatile long tip = -1;
  private volatile CountDownLatch messageGate;
  private volatile CountDownLatch blocksGate;
  private volatile RuntimeException blocksFailure;
  private volatile boolean skipOneHeight;

  @Override
  public void onMessage(PeerId from, Channel channel, byte[] payload) {
    received.add(new Received(from, channel, new String(payload, StandardCharsets.UTF_8)));
    await(messageGate);
  }

  @Override
  public List<SyncedBlock> blocks(PeerId requester, long fromHeight, int maxBlocks, long maxBytes) {
    blockRequesters.add(requester);
    await(blocksGate);
    if (blocksFailure != null) {
      throw blocksFailure;
    }
    List<SyncedBlock> blocks = new ArrayList<>();
    for (long h = fromHeight; h <= tip && blocks.size() < maxBlocks; h++) {
      long height = skipOneHeight && h > fromHeight ? h + 1 : h;
      blocks.add(new SyncedBlock(height, bytes("block-" + height), bytes("cert-" + height)));
    }
    return blocks;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<String> texts() {
    return received.stream().map(Received::text).toList();
  }

  List<PeerId> blockRequesters() {
    return List.copyOf(blockRequesters);
  }

  void commitUpTo(long height) {
    tip = height;
  }

  /** Until {@code gate} opens, every onMessage blocks after recording its message. */
  void blockMessagesUntil(CountDownLatch gate) {
    messageGate = gate;
  }

  void blockBlocksUntil(CountDownLatch gate) {
    blocksGate = gate;
  }

  void failBlocks(RuntimeException failure) {
    blocksFailure = failure;
  }

  /** Answers with a gap after the first block, as a buggy or hostile peer might. */
  void skipAHeight() {
    skipOneHeight = true;
  }

  private static void await(CountDownLatch gate) {
    if (gate == null) {
      return;
    }
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
