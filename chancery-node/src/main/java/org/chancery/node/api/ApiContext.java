package org.chancery.node.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.chancery.core.genesis.Genesis;
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
 * @param onSubmit called with each transaction admitted from a client (wakes the block producer,
 *     gossips it to peers)
 * @param node the node's name
 * @param organisation its organisation
 * @param validator whether it validates
 * @param consensus "solo" or "bft"
 * @param problem a reason the node is unhealthy, if it is
 * @param limits request limits
 * @param consensusView where consensus is, for status and evidence
 * @param genesis the chain's genesis (its hash is {@code ledger.genesisHash()}), for evidence
 *     certificates
 * @param certificateRenderers the forms besides JSON in which the node serves evidence
 *     certificates, chosen by the request's Accept header; empty for JSON only
 */
public record ApiContext(
    Ledger ledger,
    Mempool mempool,
    CommitNotifier notifier,
    NodeMetrics metrics,
    java.util.function.Consumer<org.chancery.core.tx.Transaction> onSubmit,
    String node,
    String organisation,
    boolean validator,
    String consensus,
    Supplier<Optional<String>> problem,
    ApiLimits limits,
    ConsensusView consensusView,
    Genesis genesis,
    List<CertificateRenderer> certificateRenderers) {

  public ApiContext {
    certificateRenderers = List.copyOf(certificateRenderers);
  }
}
