package org.chancery.ledger.exec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.chancery.core.Bytes;
import org.chancery.core.block.Event;
import org.chancery.core.contract.ContractContext;
import org.chancery.core.contract.ContractException;
import org.chancery.core.contract.Sender;
import org.chancery.ledger.state.StateChanges;
import org.chancery.ledger.state.StateKey;
import org.chancery.ledger.state.StateReader;

/**
 * One transaction's view: its own buffered writes over the block's earlier writes over the state
 * the block starts from. Writes are confined to the contract's namespace and bounded by {@link
 * ExecutionLimits}.
 */
final class TransactionContext implements ContractContext {
  private final StateReader state;
  private final StateChanges block;
  private final StateChanges own = new StateChanges();
  private final String contract;
  private final String suite;
  private final Sender sender;
  private final Bytes txId;
  private final long height;
  private final Instant time;
  private final ExecutionLimits limits;
  private final List<Event> events = new ArrayList<>();
  private long writtenBytes;
  private int eventBytes;

  TransactionContext(
      StateReader state,
      StateChanges block,
      String contract,
      String suite,
      Sender sender,
      Bytes txId,
      long height,
      Instant time,
      ExecutionLimits limits) {
    this.state = state;
    this.block = block;
    this.contract = contract;
    this.suite = suite;
    this.sender = sender;
    this.txId = txId;
    this.height = height;
    this.time = time;
    this.limits = limits;
  }

  StateChanges writes() {
    return own;
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  @Override
  public Sender sender() {
    return sender;
  }

  @Override
  public Bytes txId() {
    return txId;
  }

  @Override
  public long blockHeight() {
    return height;
  }

  @Override
  public Instant blockTime() {
    return time;
  }

  @Override
  public String suite() {
    return suite;
  }

  @Override
  public Optional<byte[]> get(String key) {
    StateKey k = new StateKey(contract, key);
    Optional<byte[]> mine = own.lookup(k);
    if (mine != null) {
      return mine.map(byte[]::clone);
    }
    Optional<byte[]> earlier = block.lookup(k);
    if (earlier != null) {
      return earlier.map(byte[]::clone);
    }
    return state.get(k);
  }

  @Override
  public void put(String key, byte[] value) {
    int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (keyBytes == 0 || keyBytes > limits.maxKeyBytes()) {
      throw new ContractException(
          "limit-exceeded", "key must be 1 to " + limits.maxKeyBytes() + " bytes, got " + keyBytes);
    }
    if (value.length > limits.maxValueBytes()) {
      throw new ContractException(
          "limit-exceeded",
          "value of " + value.length + " bytes exceeds the limit of " + limits.maxValueBytes());
    }
    writtenBytes += keyBytes + value.length;
    if (writtenBytes > limits.maxWriteBytesPerTx()) {
      throw new ContractException(
          "limit-exceeded",
          "transaction writes more than " + limits.maxWriteBytesPerTx() + " bytes");
    }
    own.put(new StateKey(contract, key), value);
  }

  @Override
  public void delete(String key) {
    own.delete(new StateKey(contract, key));
  }

  @Override
  public List<StateEntry> range(String fromInclusive, String toExclusive, int limit) {
    int n = Math.min(Math.max(limit, 0), limits.maxRangeEntries());
    if (n == 0) {
      return List.of();
    }
    StateKey from = new StateKey(contract, fromInclusive);
    StateKey to = toExclusive == null ? null : new StateKey(contract, toExclusive);
    // Pending writes in range, block's first, then this transaction's on top.
    TreeMap<String, Optional<byte[]>> pending = new TreeMap<>(TransactionContext::utf8Order);
    for (StateChanges changes : List.of(block, own)) {
      for (Map.Entry<StateKey, Optional<byte[]>> e : changes.entries().entrySet()) {
        StateKey k = e.getKey();
        if (k.contract().equals(contract)
            && k.compareTo(from) >= 0
            && (to == null || k.compareTo(to) < 0)) {
          pending.put(k.key(), e.getValue());
        }
      }
    }
    // Ask the committed state for enough entries that deletions cannot starve the result.
    TreeMap<String, byte[]> merged = new TreeMap<>(TransactionContext::utf8Order);
    for (StateEntry e : state.range(contract, fromInclusive, toExclusive, n + pending.size())) {
      merged.put(e.key(), e.value());
    }
    for (Map.Entry<String, Optional<byte[]>> e : pending.entrySet()) {
      if (e.getValue().isPresent()) {
        merged.put(e.getKey(), e.getValue().get());
      } else {
        merged.remove(e.getKey());
      }
    }
    List<StateEntry> out = new ArrayList<>(n);
    for (Map.Entry<String, byte[]> e : merged.entrySet()) {
      if (out.size() == n) {
        break;
      }
      out.add(new StateEntry(e.getKey(), e.getValue().clone()));
    }
    return out;
  }

  @Override
  public void emit(String name, String jsonData) {
    if (events.size() >= limits.maxEventsPerTx()) {
      throw new ContractException(
          "limit-exceeded", "transaction emits more than " + limits.maxEventsPerTx() + " events");
    }
    eventBytes +=
        name.getBytes(StandardCharsets.UTF_8).length
            + jsonData.getBytes(StandardCharsets.UTF_8).length;
    if (eventBytes > limits.maxEventBytesPerTx()) {
      throw new ContractException(
          "limit-exceeded",
          "transaction's events exceed " + limits.maxEventBytesPerTx() + " bytes");
    }
    events.add(new Event(name, jsonData));
  }

  private static int utf8Order(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
