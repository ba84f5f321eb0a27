package org.chancery.consensus.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chancery.consensus.types.ConsensusMessage;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;

/** The double-sign check: per height, round and step, every message signed is the same bytes. */
final class SignedSlots {
  private SignedSlots() {}

  /** One signing slot: height, round and step. */
  record Slot(long height, int round, String step) {}

  static Slot slot(ConsensusMessage m) {
    return switch (m) {
      case SignedProposal p -> new Slot(p.height(), p.round(), "proposal");
      case SignedVote v -> new Slot(v.height(), v.round(), v.vote().type().name());
    };
  }

  static byte[] bytes(ConsensusMessage m) {
    return WalCodec.encode(
        switch (m) {
          case SignedProposal p -> new WalEntry.ProposalSigned(p);
          case SignedVote v -> new WalEntry.VoteSigned(v);
        });
  }

  /** Asserts that no two messages among {@code sent} for one slot differ in a single byte. */
  static void assertNoConflicts(List<? extends ConsensusMessage> sent) {
    Map<Slot, ConsensusMessage> first = new HashMap<>();
    for (ConsensusMessage m : sent) {
      ConsensusMessage earlier = first.putIfAbsent(slot(m), m);
      if (earlier != null) {
        assertThat(bytes(m))
            .as("message for %s must be byte-identical to the one sent before", slot(m))
            .isEqualTo(bytes(earlier));
      }
    }
  }
}
