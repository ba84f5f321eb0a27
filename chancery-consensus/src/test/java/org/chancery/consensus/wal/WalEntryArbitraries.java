package org.chancery.consensus.wal;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;
import org.chancery.core.Bytes;

/** Random WAL entries: any heights, rounds, values, names (any Unicode) and signatures. */
final class WalEntryArbitraries {
  private WalEntryArbitraries() {}

  static Arbitrary<WalEntry> entries() {
    return Arbitraries.oneOf(votes(), proposals(), proofsOfLock());
  }

  static Arbitrary<WalEntry> proofsOfLock() {
    return Combinators.combine(heights(), rounds(), votes().list().ofMaxSize(7))
        .as(
            (h, r, entries) ->
                new WalEntry.ProofOfLock(
                    h, r, entries.stream().map(e -> ((WalEntry.VoteSigned) e).vote()).toList()));
  }

  static Arbitrary<WalEntry> votes() {
    return Combinators.combine(
            Arbitraries.of(VoteType.class),
            heights(),
            rounds(),
            values().optional(0.3),
            names(),
            signatures())
        .as(
            (type, h, r, value, name, sig) ->
                new WalEntry.VoteSigned(
                    new SignedVote(
                        new Vote(type, h, r, Optional.ofNullable(value.orElse(null)), name), sig)));
  }

  static Arbitrary<WalEntry> proposals() {
    return Combinators.combine(
            heights(),
            rounds(),
            values(),
            Arbitraries.integers().between(-1, 1000),
            names(),
            signatures())
        .as(
            (h, r, value, vr, name, sig) ->
                new WalEntry.ProposalSigned(
                    new SignedProposal(new Proposal(h, r, value, vr, name), sig)));
  }

  private static Arbitrary<Long> heights() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0, Long.MAX_VALUE));
  }

  private static Arbitrary<Integer> rounds() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 10),
        Arbitraries.integers().between(0, Integer.MAX_VALUE));
  }

  private static Arbitrary<ValueId> values() {
    return bytes(1, 64).map(ValueId::new);
  }

  private static Arbitrary<String> names() {
    return Arbitraries.strings().ofMinLength(0).ofMaxLength(20).filter(WalEntryArbitraries::utf8);
  }

  private static Arbitrary<Bytes> signatures() {
    return bytes(0, 80);
  }

  private static Arbitrary<Bytes> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
  }

  /** Lone surrogates do not survive UTF-8; real validator names never contain them. */
  private static boolean utf8(String s) {
    return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }
}
