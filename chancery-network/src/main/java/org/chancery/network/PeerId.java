package org.chancery.network;

import java.util.Objects;

/**
 * An authenticated peer: the node name and organisation its TLS certificate names, after the
 * certificate chained to that organisation's TLS CA.
 *
 * @param nodeName the peer's node name (the certificate's common name)
 * @param organisation the organisation whose TLS CA issued the certificate
 */
public record PeerId(String nodeName, String organisation) {
  public PeerId {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(organisation, "organisation");
  }
}
