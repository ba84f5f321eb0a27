package org.chancery.ledger.mempool;

import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;

/**
 * What became of one transaction of a batch given to {@link Mempool#submitAll}: accepted into the
 * mempool, or rejected with the same stable code a single submission would have got.
 *
 * <pre>{@code
 * for (Submission s : mempool.submitAll(encodedBatch, executor)) {
 *   switch (s) {
 *     case Submission.Accepted a -> log(a.transaction().txId());
 *     case Submission.Rejected r -> report(r.code(), r.message());
 *   }
 * }
 * }</pre>
 */
public sealed interface Submission permits Submission.Accepted, Submission.Rejected {

  /** The transaction is pending in the mempool. */
  record Accepted(Transaction transaction) implements Submission {}

  /**
   * The transaction was refused.
   *
   * @param txId its id, when its bytes could be decoded far enough to have one
   * @param code the stable error code ({@code bad-signature}, {@code mempool-full}, ...)
   * @param message what was wrong and what to do
   */
  record Rejected(Optional<Bytes> txId, String code, String message) implements Submission {}
}
