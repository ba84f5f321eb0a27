package org.chancery.contracts.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chancery.core.Bytes;
import org.chancery.core.contract.ContractContext.StateEntry;
import org.chancery.core.evidence.DepositRecord;

/**
 * Reads what the {@code evidence} contract wrote: a deposit by id, the deposits of a digest, of an
 * organisation or of one member, in commit order, and process chains. The node serves these over
 * {@code /v1/evidence}; the key layout they read is {@link EvidenceKeys}'s.
 *
 * <pre>{@code
 * EvidenceQueries q = new EvidenceQueries(view, suite.hashLength());
 * EvidenceQueries.Page first = q.byDigest(digest, 0, 100);   // earliest deposit first
 * }</pre>
 *
 * Every read is bounded by the caller's limit. Index entries are only ever appended, so a page read
 * while blocks commit is still a consistent prefix of the index.
 */
public final class EvidenceQueries {
  /**
   * Read access to the contract's committed state, in its own namespace.
   *
   * <p>For the node: {@code key -> state.get(new StateKey("evidence", key))} and {@code
   * state.range("evidence", from, to, limit)}.
   */
  public interface StateView {
    /** The value under {@code key}, if any. */
    Optional<byte[]> get(String key);

    /**
     * Entries with {@code fromInclusive <= key < toExclusive} in UTF-8 key order, at most {@code
     * limit}.
     */
    List<StateEntry> range(String fromInclusive, String toExclusive, int limit);
  }

  /**
   * One page of an index.
   *
   * @param deposits the records, in commit order
   * @param next the position to continue from, or -1 at the end of the index
   */
  public record Page(List<DepositRecord> deposits, long next) {
    public Page {
      deposits = List.copyOf(deposits);
    }

    /** Whether more entries follow. */
    public boolean hasMore() {
      return next >= 0;
    }
  }

  /**
   * A process chain: the deposits linked by {@code previous}, from the first stage to the asked
   * one.
   *
   * @param stages the stages, first stage first, the asked deposit last
   * @param truncated whether the walk stopped at its bound before reaching the first stage
   */
  public record Chain(List<DepositRecord> stages, boolean truncated) {
    public Chain {
      stages = List.copyOf(stages);
    }
  }

  private final StateView state;
  private final int hashLength;

  /**
   * @param state the contract's committed state
   * @param hashLength the chain suite's hash length in bytes
   */
  public EvidenceQueries(StateView state, int hashLength) {
    this.state = Objects.requireNonNull(state, "state");
    this.hashLength = hashLength;
  }

  /** The deposit {@code id}, if recorded. */
  public Optional<DepositRecord> deposit(Bytes id) {
    return state.get(EvidenceKeys.deposit(id)).map(v -> DepositRecord.decode(v, hashLength));
  }

  /** Deposits of {@code digest}, earliest first, from position {@code from}. */
  public Page byDigest(Bytes digest, long from, int limit) {
    return page(EvidenceKeys.byDigest(digest), from, limit);
  }

  /** Deposits by members of {@code organisation}, in commit order. */
  public Page byOrganisation(String organisation, long from, int limit) {
    return page(EvidenceKeys.byOrganisation(organisation), from, limit);
  }

  /** Deposits by the member {@code name} of {@code organisation}, in commit order. */
  public Page byMember(String organisation, String name, long from, int limit) {
    return page(EvidenceKeys.byMember(organisation, name), from, limit);
  }

  /** Ids of the deposits that name {@code id} as their previous stage, in commit order. */
  public List<Bytes> successors(Bytes id, int limit) {
    String prefix = EvidenceKeys.successors(id);
    List<Bytes> out = new ArrayList<>();
    for (StateEntry e : state.range(prefix, EvidenceKeys.end(prefix), limit)) {
      out.add(Bytes.fromHex(new String(e.value(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  /**
   * The chain that ends in {@code last}, walking {@code previous} back at most {@code maxStages}
   * stages (counting {@code last}).
   */
  public Chain chain(DepositRecord last, int maxStages) {
    List<DepositRecord> reversed = new ArrayList<>();
    DepositRecord at = last;
    reversed.add(at);
    while (at.request().previous() != null && reversed.size() < maxStages) {
      Bytes previous = at.request().previous();
      at =
          deposit(previous)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "evidence state names deposit " + previous.hex() + " but lacks it"));
      reversed.add(at);
    }
    boolean truncated = at.request().previous() != null;
    return new Chain(reversed.reversed(), truncated);
  }

  private Page page(String prefix, long from, int limit) {
    if (from < 0 || limit < 1) {
      throw new IllegalArgumentException("from must be >= 0 and limit >= 1");
    }
    List<StateEntry> entries =
        state.range(EvidenceKeys.entry(prefix, from), EvidenceKeys.end(prefix), limit + 1);
    List<DepositRecord> deposits = new ArrayList<>(Math.min(entries.size(), limit));
    for (StateEntry e : entries.subList(0, Math.min(entries.size(), limit))) {
      Bytes id = Bytes.fromHex(new String(e.value(), StandardCharsets.UTF_8));
      deposits.add(
          deposit(id)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "evidence index " + e.key() + " names a deposit that is not stored")));
    }
    long next = entries.size() > limit ? EvidenceKeys.seqOf(prefix, entries.get(limit).key()) : -1;
    return new Page(deposits, next);
  }
}
