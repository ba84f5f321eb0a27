package org.chancery.node.api;

import java.util.Optional;
import java.util.function.Supplier;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.mempool.Mempool;
import org.chancery.node.commit.CommitNotifier;
import org.chancery.node.metrics.NodeMetrics;

/**
 * What the API serves from.
 *
 * @param ledger the chain
 * @param mempool pending transactions
 * @param notifier commit waiters
 * @param metrics the node's metrics
 * @param onSubmit called after a transaction is admitted (wakes the block producer)
 * @param node the node's name
 * @param organisation its organisation
 * @param validator whether it validates
 * @param consensus "solo" or "bft"
 * @param problem a reason the node is unhealthy, if it is
 * @param limits request limits
 */
public record ApiContext(
    Ledger ledger,
    Mempool mempool,
    CommitNotifier notifier,
    NodeMetrics metrics,
    Runnable onSubmit,
    String node,
    String organisation,
    boolean validator,
    String consensus,
    Supplier<Optional<String>> problem,
    ApiLimits limits) {}
