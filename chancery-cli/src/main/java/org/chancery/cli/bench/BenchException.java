package org.chancery.cli.bench;

/**
 * A benchmark could not run or could not be measured: the node is unreachable or answered something
 * the benchmark cannot interpret. The message says which node and what to check.
 */
public final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
