package org.chancery.sdk;

import java.net.URI;

/**
 * The node answered a request with an error: an RFC 9457 problem document such as
 *
 * <pre>{@code
 * {"type": "urn:chancery:error:replayed", "title": "Replayed", "status": 409,
 *  "detail": "transaction 9f86... was already committed", "instance": "/v1/transactions"}
 * }</pre>
 *
 * <p>{@link #code()} is the stable tail of the type ({@code replayed}); the node's {@code
 * docs/api.md} lists every code. An error response that is not a Chancery problem (for example a
 * proxy's 502 page) has type {@code about:blank} and code {@code http-error}.
 *
 * <pre>{@code
 * try {
 *   client.transaction(txId, false);
 * } catch (ChanceryApiException e) {
 *   if (e.code().equals("unknown-transaction")) {
 *     // not pending and not committed on this node
 *   }
 * }
 * }</pre>
 */
public final class ChanceryApiException extends ChanceryClientException {
  private static final long serialVersionUID = 1L;

  /** The prefix of every Chancery problem type. */
  public static final String TYPE_PREFIX = "urn:chancery:error:";

  private final int status;
  private final String type;
  private final String title;
  private final String detail;
  private final String instance;

  /**
   * @param node the node's base URL
   * @param status the HTTP status
   * @param type the problem type, {@code urn:chancery:error:<code>} or {@code about:blank}
   * @param title the short human title
   * @param detail what went wrong in this request
   * @param instance the request path the problem is about; may be empty
   */
  public ChanceryApiException(
      URI node, int status, String type, String title, String detail, String instance) {
    super(node, message(node, status, type, detail), null);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.instance = instance;
  }

  private static String message(URI node, int status, String type, String detail) {
    return "node " + node + " answered " + status + " " + codeOf(type) + ": " + detail;
  }

  private static String codeOf(String type) {
    return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : "http-error";
  }

  /** The HTTP status, for example 409. */
  public int status() {
    return status;
  }

  /** The problem type URI, for example {@code urn:chancery:error:replayed}. */
  public String type() {
    return type;
  }

  /** The tail of the type, for example {@code replayed}; {@code http-error} for other types. */
  @Override
  public String code() {
    return codeOf(type);
  }

  /** The short human title, for example {@code Replayed}. */
  public String title() {
    return title;
  }

  /** What went wrong with this request and, usually, what to do about it. */
  public String detail() {
    return detail;
  }

  /** The request path the problem is about; may be empty. */
  public String instance() {
    return instance;
  }
}
