package org.chancery.node.api;

import java.util.Map;

/**
 * The HTTP status of each stable error code. One table, so the same code always answers the same
 * status, and the API documentation can list them.
 */
public final class Problems {
  private static final Map<String, Integer> STATUS =
      Map.ofEntries(
          Map.entry("malformed-transaction", 400),
          Map.entry("malformed-request", 400),
          Map.entry("wrong-chain", 400),
          Map.entry("expired", 400),
          Map.entry("timestamp-in-future", 400),
          Map.entry("unsigned", 401),
          Map.entry("bad-signature", 401),
          Map.entry("unknown-member", 403),
          Map.entry("certificate-expired", 403),
          Map.entry("certificate-not-yet-valid", 403),
          Map.entry("certificate-revoked", 403),
          Map.entry("unauthorised", 403),
          Map.entry("unknown-contract", 404),
          Map.entry("not-found", 404),
          Map.entry("unknown-transaction", 404),
          Map.entry("unknown-block", 404),
          Map.entry("unknown-key", 404),
          Map.entry("unknown-deposit", 404),
          Map.entry("state-pruned", 404),
          Map.entry("method-not-allowed", 405),
          Map.entry("not-acceptable", 406),
          Map.entry("unsupported-media-type", 415),
          Map.entry("replayed", 409),
          Map.entry("duplicate", 409),
          Map.entry("too-large", 413),
          Map.entry("too-many-requests", 429),
          Map.entry("mempool-full", 503),
          Map.entry("overloaded", 503),
          Map.entry("unavailable", 503));

  private Problems() {}

  /** The HTTP status for {@code code}; 400 for a code not in the table. */
  public static int status(String code) {
    return STATUS.getOrDefault(code, 400);
  }

  /** A short human title for a problem type. */
  public static String title(String code) {
    String t = code.replace('-', ' ');
    return Character.toUpperCase(t.charAt(0)) + t.substring(1);
  }

  /** The table, for documentation and tests. */
  public static Map<String, Integer> all() {
    return STATUS;
  }
}
