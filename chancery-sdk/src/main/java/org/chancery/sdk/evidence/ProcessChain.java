package org.chancery.sdk.evidence;

import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.evidence.DepositRecord;

/**
 * A deposit with the deposits it continues ({@code previous}) and those that continue it.
 *
 * @param stages the chain from its first deposit up to the one asked for
 * @param next the ids of deposits that name the one asked for as previous
 * @param truncated whether the node stopped following {@code previous} before the first deposit
 */
public record ProcessChain(List<DepositRecord> stages, List<Bytes> next, boolean truncated) {
  public ProcessChain {
    stages = List.copyOf(stages);
    next = List.copyOf(next);
  }
}
