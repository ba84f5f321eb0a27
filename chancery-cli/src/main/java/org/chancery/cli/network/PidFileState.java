package org.chancery.cli.network;

/**
 * What a node's pid file says about it, after checking the process it names.
 *
 * <pre>{@code
 * switch (pidFiles.inspect(node)) {
 *   case PidFileState.Live live -> System.out.println("running as " + live.process().pid());
 *   case PidFileState.Stale stale -> System.out.println("stale: " + stale.reason());
 *   case PidFileState.Absent absent -> System.out.println("not started by network up");
 * }
 * }</pre>
 */
public sealed interface PidFileState {

  /** There is no pid file: {@code network up} has not started the node, or it was stopped. */
  record Absent() implements PidFileState {}

  /**
   * The pid file names a live process whose command line runs this node's {@code node.yaml}.
   *
   * @param process the node's process
   */
  record Live(ProcessHandle process) implements PidFileState {}

  /**
   * The pid file is left over: its process is gone, or the pid now belongs to another program.
   *
   * @param reason what was found, for the operator
   */
  record Stale(String reason) implements PidFileState {}
}
