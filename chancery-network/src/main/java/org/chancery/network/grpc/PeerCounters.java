package org.chancery.network.grpc;

import java.util.concurrent.atomic.LongAdder;

/** Traffic counters of one peer, updated from sender and server threads. */
final class PeerCounters {
  private final LongAdder messagesSent = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  void countSent(int bytes) {
    messagesSent.increment();
    bytesSent.add(bytes);
  }

  void countReceived(int bytes) {
    messagesReceived.increment();
    bytesReceived.add(bytes);
  }

  void countDropped() {
    dropped.increment();
  }

  long messagesSent() {
    return messagesSent.sum();
  }

  long bytesSent() {
    return bytesSent.sum();
  }

  long messagesReceived() {
    return messagesReceived.sum();
  }

  long bytesReceived() {
    return bytesReceived.sum();
  }

  long dropped() {
    return dropped.sum();
  }
}
