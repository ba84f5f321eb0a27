/**
 * Node-to-node transport. {@link org.chancery.network.PeerNetwork} is what the node uses; the
 * implementation runs gRPC over TLS 1.3 with mutual authentication against the organisations' TLS
 * CAs.
 */
package org.chancery.network;
