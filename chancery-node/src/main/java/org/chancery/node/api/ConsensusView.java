package org.chancery.node.api;

import java.util.List;
import java.util.Map;
import org.chancery.consensus.votekeeper.Equivocation;

/**
 * What the API shows of the node's consensus: where it is, and the equivocations it caught.
 *
 * <pre>{@code
 * ConsensusView view = ConsensusView.solo();
 * }</pre>
 */
public interface ConsensusView {

  /** The height being decided. */
  long height();

  /** Its round, or -1 while the node waits for something to decide. */
  int round();

  /** Its step: propose, prevote, precommit, commit, or idle. */
  String step();

  /** The latest committed height each peer announced, by node name. */
  Map<String, Long> peerHeights();

  /** Equivocations caught, oldest first. */
  List<Equivocation> evidence();

  /** The view of a solo node: nothing to vote on, no peers, no evidence. */
  static ConsensusView solo(java.util.function.LongSupplier committedHeight) {
    return new ConsensusView() {
      @Override
      public long height() {
        return committedHeight.getAsLong() + 1;
      }

      @Override
      public int round() {
        return 0;
      }

      @Override
      public String step() {
        return "solo";
      }

      @Override
      public Map<String, Long> peerHeights() {
        return Map.of();
      }

      @Override
      public List<Equivocation> evidence() {
        return List.of();
      }
    };
  }
}
