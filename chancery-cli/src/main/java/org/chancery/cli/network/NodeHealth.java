package org.chancery.cli.network;

/**
 * What a node's {@code GET /health} answered.
 *
 * <pre>{@code
 * NodeHealth h = probe.probe(node.api());
 * if (h.healthy()) {
 *   System.out.println("height " + h.height());
 * }
 * }</pre>
 *
 * @param reachable whether the API answered HTTP at all
 * @param healthy whether it answered 200
 * @param height the height it reported, or null when it did not answer
 * @param detail why it is not healthy (connection refused, the node's own detail), or null
 */
public record NodeHealth(boolean reachable, boolean healthy, Long height, String detail) {

  /** The API did not answer: nothing listens, or it timed out. */
  public static NodeHealth unreachable(String detail) {
    return new NodeHealth(false, false, null, detail);
  }
}
