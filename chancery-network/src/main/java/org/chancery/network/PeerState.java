package org.chancery.network;

/**
 * One peer as the network sees it now, for metrics and {@code /v1/status}.
 *
 * @param name the peer's node name
 * @param address its configured endpoint
 * @param connected whether a connection to it is up
 * @param queued messages waiting in its outbound queues
 * @param messagesSent messages delivered to it
 * @param messagesReceived messages received from it
 * @param bytesSent payload bytes delivered to it
 * @param bytesReceived payload bytes received from it
 * @param dropped messages dropped because its queue was full or it was unreachable
 */
public record PeerState(
    String name,
    String address,
    boolean connected,
    int queued,
    long messagesSent,
    long messagesReceived,
    long bytesSent,
    long bytesReceived,
    long dropped) {}
