package org.chancery.sdk.evidence;

import java.util.List;
import java.util.Optional;
import org.chancery.core.evidence.DepositRecord;

/**
 * One page of deposits, earliest first.
 *
 * @param deposits the deposits on this page
 * @param nextCursor the cursor of the next page, empty on the last
 */
public record DepositPage(List<DepositRecord> deposits, Optional<String> nextCursor) {
  public DepositPage {
    deposits = List.copyOf(deposits);
  }
}
