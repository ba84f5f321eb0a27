/**
 * The gRPC implementation of {@link org.chancery.network.PeerNetwork}: {@link
 * org.chancery.network.grpc.GrpcPeerNetwork}, started from {@link
 * org.chancery.network.grpc.NetworkSettings}. Everything else in this package is internal: the
 * hand-written service descriptors, the per-peer outbound links and the inbound service.
 */
package org.chancery.network.grpc;
