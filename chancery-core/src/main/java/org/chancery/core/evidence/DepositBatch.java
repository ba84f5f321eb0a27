package org.chancery.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * Reads the arguments of {@code depositBatch}: {@code {"deposits": [deposit, ...]}}, shared by the
 * {@code evidence} contract and the offline verifier like {@link DepositRequest}.
 *
 * <p>An item cannot name an earlier item of its own batch by id, since ids derive from the
 * transaction id, which covers the arguments. Instead it may give {@code "previousIndex": k}, the
 * position of an earlier item ({@code k < i}); reading replaces it by {@code "previous":
 * DepositIds.of(suite, txId, k)}, so the recorded request names the id like any other.
 *
 * <pre>{@code
 * {"deposits": [
 *   {"digest": "…", "size": 10, "mediaType": "application/pdf"},
 *   {"digest": "…", "size": 12, "mediaType": "application/pdf", "previousIndex": 0}]}
 * }</pre>
 */
public final class DepositBatch {
  private DepositBatch() {}

  /**
   * The requests of a batch, in order.
   *
   * @param args the transaction's arguments, as {@link DepositRequest#readArguments} reads them
   * @param suite the chain's suite
   * @param txId the transaction's id
   * @throws InvalidDepositException with code {@code invalid-arguments} (naming the item, {@code
   *     deposits[i]}) or {@code limit-exceeded}
   */
  public static List<DepositRequest> parse(
      JsonNode args, CryptoSuite suite, Bytes txId, EvidenceLimits limits) {
    if (args == null || !args.isObject()) {
      throw invalid("depositBatch arguments must be a JSON object {\"deposits\": [...]}");
    }
    for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("deposits")) {
        throw invalid("unknown depositBatch field '" + name + "'; the only field is \"deposits\"");
      }
    }
    JsonNode deposits = args.get("deposits");
    if (deposits == null || !deposits.isArray()) {
      throw invalid("depositBatch needs \"deposits\": an array of deposit objects");
    }
    if (deposits.isEmpty() || deposits.size() > limits.maxBatchDeposits()) {
      throw new InvalidDepositException(
          deposits.isEmpty() ? "invalid-arguments" : "limit-exceeded",
          "a batch holds 1 to "
              + limits.maxBatchDeposits()
              + " deposits (this chain's evidence.maxBatchDeposits), this one "
              + deposits.size());
    }
    List<DepositRequest> out = new ArrayList<>(deposits.size());
    for (int i = 0; i < deposits.size(); i++) {
      String at = "deposits[" + i + "]: ";
      JsonNode item = deposits.get(i);
      try {
        out.add(
            DepositRequest.parse(
                resolve(item, i, suite, txId), suite.hashLength(), limits.maxMetadataBytes()));
      } catch (InvalidDepositException e) {
        throw new InvalidDepositException(e.code(), at + e.getMessage());
      }
    }
    return out;
  }

  /** {@code item} with a {@code previousIndex} replaced by the {@code previous} id it names. */
  private static JsonNode resolve(JsonNode item, int i, CryptoSuite suite, Bytes txId) {
    if (item == null || !item.isObject() || !item.has("previousIndex")) {
      return item;
    }
    JsonNode k = item.get("previousIndex");
    if (item.has("previous")) {
      throw invalid("give \"previous\" or \"previousIndex\", not both");
    }
    if (!k.isIntegralNumber() || !k.canConvertToInt() || k.asInt() < 0 || k.asInt() >= i) {
      throw invalid(
          "\"previousIndex\" must be the position of an earlier deposit of this batch, 0 to "
              + (i - 1)
              + ", got "
              + k);
    }
    ObjectNode copy = ((ObjectNode) item).deepCopy();
    copy.remove("previousIndex");
    copy.put("previous", DepositIds.of(suite, txId, k.asInt()).hex());
    return copy;
  }

  private static InvalidDepositException invalid(String message) {
    return new InvalidDepositException("invalid-arguments", message);
  }
}
