package org.chancery.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.chancery.core.block.Receipt;

/**
 * The outcome of executing a transaction, as the API shows it: contract results and event data as
 * JSON trees. (The receipt's exact encoded bytes, which its block's receipt root commits to, are in
 * the transaction's proof.)
 *
 * <pre>{@code
 * TransactionReceipt r = included.receipt();
 * if (r.status() == Receipt.Status.FAILED) {
 *   System.err.println(r.errorCode() + ": " + r.errorMessage());
 * }
 * r.result().ifPresent(json -> System.out.println(json.path("version")));
 * }</pre>
 *
 * @param status success or failure
 * @param errorCode the contract's stable error code; empty on success
 * @param errorMessage what went wrong; empty on success
 * @param events what the contract announced; empty on failure
 * @param result the contract's JSON result, if it returned one
 */
public record TransactionReceipt(
    Receipt.Status status,
    String errorCode,
    String errorMessage,
    List<Event> events,
    Optional<JsonNode> result) {

  public TransactionReceipt {
    events = List.copyOf(events);
  }

  /**
   * An event a contract emitted.
   *
   * @param name for example {@code put}
   * @param data its JSON document
   */
  public record Event(String name, JsonNode data) {}
}
