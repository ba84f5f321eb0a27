package org.chancery.ledger.mempool;

import java.time.Duration;
import java.util.Set;
import org.chancery.crypto.pki.MemberRole;

/**
 * What a transaction must satisfy to enter the mempool.
 *
 * @param chainId the chain's id
 * @param maxTxBytes largest encoded transaction
 * @param validityWindow a transaction's timestamp must be within this of the node's clock
 * @param submitterRoles roles that may sign transactions
 */
public record AdmissionRules(
    String chainId, int maxTxBytes, Duration validityWindow, Set<MemberRole> submitterRoles) {

  public AdmissionRules {
    submitterRoles = Set.copyOf(submitterRoles);
  }

  /** Roles that may submit by default: everyone but nodes. */
  public static final Set<MemberRole> DEFAULT_SUBMITTERS =
      Set.of(MemberRole.ADMIN, MemberRole.CLIENT, MemberRole.REGULATOR);
}
