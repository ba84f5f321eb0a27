package org.chancery.node.bft;

import java.util.Objects;
import java.util.Optional;
import org.chancery.ledger.ProposedBlock;

/**
 * What checking a proposed block showed: valid, with the execution to commit if it is decided, or
 * invalid, with a stable reason (a metric label) and a detail for the log.
 *
 * @param executed the block executed on this node's state; present when valid
 * @param reason empty when valid, otherwise a short kebab-case reason such as {@code
 *     state-root-mismatch}
 * @param detail what exactly was wrong, for the log
 */
record BlockCheck(Optional<ProposedBlock> executed, String reason, String detail) {

  BlockCheck {
    Objects.requireNonNull(executed, "executed");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  static BlockCheck valid(ProposedBlock executed) {
    return new BlockCheck(Optional.of(executed), "", "");
  }

  static BlockCheck invalid(String reason, String detail) {
    return new BlockCheck(Optional.empty(), reason, detail);
  }

  boolean isValid() {
    return executed.isPresent();
  }
}
