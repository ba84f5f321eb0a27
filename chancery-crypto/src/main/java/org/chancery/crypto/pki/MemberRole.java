package org.chancery.crypto.pki;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a member of an organisation may do on the chain. The role travels in the organisational unit
 * (OU) of the member's certificate subject, as one lowercase word.
 *
 * <pre>{@code
 * MemberRole role = MemberRole.fromOu("admin");   // ADMIN
 * String ou = MemberRole.NODE.ou();                // "node"
 * }</pre>
 */
public enum MemberRole {
  /** A validator or peer node: signs votes and blocks, serves TLS to other nodes. */
  NODE("node"),
  /** An organisation administrator: signs governance (config) transactions. */
  ADMIN("admin"),
  /** An application or person that submits ordinary transactions. */
  CLIENT("client"),
  /** A regulator or auditor: reads everything it is entitled to, may freeze. */
  REGULATOR("regulator");

  private final String ou;

  MemberRole(String ou) {
    this.ou = ou;
  }

  /** The OU value that carries this role in a certificate subject. */
  public String ou() {
    return ou;
  }

  /**
   * The role an OU value names. Matching is exact: roles are written in lowercase.
   *
   * @throws MalformedCertificateException if {@code ou} names no role
   */
  public static MemberRole fromOu(String ou) {
    for (MemberRole role : values()) {
      if (role.ou.equals(ou)) {
        return role;
      }
    }
    throw new MalformedCertificateException(
        "OU '"
            + ou
            + "' names no Chancery role; a member certificate's OU must be one of "
            + Arrays.stream(values()).map(MemberRole::ou).collect(Collectors.joining(", ")));
  }
}
