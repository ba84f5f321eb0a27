package org.chancery.node.bft;

/** A peer sent bytes that are not a well-formed consensus message. */
final class MalformedMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }

  MalformedMessageException(String message) {
    super(message);
  }
}
