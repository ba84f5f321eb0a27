package org.chancery.core.evidence;

import java.util.Objects;

/**
 * Who made a deposit: the signer of its transaction, as their validated certificate names them.
 *
 * @param organisation the organisation id (the certificate's O)
 * @param name the member's name (the certificate's CN)
 * @param role the member's role (the certificate's OU), e.g. {@code client}
 */
public record Depositor(String organisation, String name, String role) {
  public Depositor {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
