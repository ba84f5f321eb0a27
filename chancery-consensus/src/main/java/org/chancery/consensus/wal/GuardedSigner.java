package org.chancery.consensus.wal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.consensus.driver.DriverInput;
import org.chancery.consensus.types.MessageSigner;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;

/**
 * Double-sign protection: signs a proposal or vote only after recording it durably in the WAL, and
 * never signs two different messages for one height, round and step. Asked again for a step it
 * already signed — after a crash and restart, say — it returns the message it signed then, whatever
 * the new request says; broadcasting that again is always safe. Not thread-safe; the consensus
 * thread owns it.
 *
 * <pre>{@code
 * GuardedSigner signer = new GuardedSigner(wal, new MessageSigner(suite, chainId, name, key));
 * SignedVote vote = signer.sign(Vote.prevote(h, r, value, name)); // durable before it returns
 * }</pre>
 */
public final class GuardedSigner {
  private final ConsensusWal wal;
  private final MessageSigner signer;
  private final Map<Slot, SignedProposal> proposals = new HashMap<>();
  private final Map<Slot, SignedVote> votes = new HashMap<>();
  private final Map<Slot, WalEntry.ProofOfLock> proofs = new HashMap<>();

  /** One signing slot: height, round and step. */
  private record Slot(long height, int round, String step) {}

  /** Loads what the WAL says this validator signed from {@code fromHeight} on. */
  public GuardedSigner(ConsensusWal wal, MessageSigner signer, long fromHeight) {
    this.wal = wal;
    this.signer = signer;
    for (WalEntry e : wal.entriesFrom(fromHeight)) {
      switch (e) {
        case WalEntry.ProposalSigned p ->
            proposals.putIfAbsent(slot(p.proposal().proposal()), p.proposal());
        case WalEntry.VoteSigned v -> votes.putIfAbsent(slot(v.vote().vote()), v.vote());
        case WalEntry.ProofOfLock p -> proofs.put(new Slot(p.height(), p.round(), "polka"), p);
      }
    }
  }

  public GuardedSigner(ConsensusWal wal, MessageSigner signer) {
    this(wal, signer, 0);
  }

  /** Signs {@code vote}, or returns the vote already signed for its height, round and step. */
  public SignedVote sign(Vote vote) {
    Slot slot = slot(vote);
    SignedVote earlier = votes.get(slot);
    if (earlier != null) {
      return earlier;
    }
    SignedVote signed = signer.sign(vote);
    wal.append(new WalEntry.VoteSigned(signed));
    votes.put(slot, signed);
    return signed;
  }

  /**
   * Signs a precommit for a value together with the prevotes that justify it: the proof of lock is
   * made durable first, so a restarted validator can restore its lock and relay the polka.
   */
  public SignedVote sign(Vote precommit, List<SignedVote> proofOfLock) {
    Slot slot = slot(precommit);
    if (!votes.containsKey(slot)
        && precommit.type() == VoteType.PRECOMMIT
        && precommit.value().isPresent()
        && !proofOfLock.isEmpty()) {
      WalEntry.ProofOfLock proof =
          new WalEntry.ProofOfLock(precommit.height(), precommit.round(), proofOfLock);
      wal.append(proof);
      proofs.put(new Slot(precommit.height(), precommit.round(), "polka"), proof);
    }
    return sign(precommit);
  }

  /** Signs {@code proposal}, or returns the proposal already signed for its height and round. */
  public SignedProposal sign(Proposal proposal) {
    Slot slot = slot(proposal);
    SignedProposal earlier = proposals.get(slot);
    if (earlier != null) {
      return earlier;
    }
    SignedProposal signed = signer.sign(proposal);
    wal.append(new WalEntry.ProposalSigned(signed));
    proposals.put(slot, signed);
    return signed;
  }

  /**
   * The precommit that set this validator's lock at {@code height}: its precommit for a value in
   * the highest round. Algorithm 1 sets {@code lockedValue_p} and {@code lockedRound_p} only
   * together with such a precommit (lines 38-40), so this is the lock a restarted validator held,
   * as far as the WAL knows.
   */
  public Optional<SignedVote> lockedAt(long height) {
    return votes.values().stream()
        .filter(v -> v.vote().height() == height)
        .filter(v -> v.vote().type() == VoteType.PRECOMMIT && !v.vote().isNil())
        .max(Comparator.comparingInt(v -> v.vote().round()));
  }

  /**
   * The lock to restore at {@code height} after a restart: the round and value of the highest-round
   * precommit for a value this validator signed there.
   */
  public Optional<DriverInput.Lock> lock(long height) {
    return lockedAt(height)
        .map(v -> new DriverInput.Lock(v.vote().round(), v.vote().value().orElseThrow()));
  }

  /** The prevotes that justified the lock at {@code height}, to feed back after a restart. */
  public List<SignedVote> proofOfLock(long height) {
    return lock(height)
        .map(l -> proofs.get(new Slot(height, l.round(), "polka")))
        .map(WalEntry.ProofOfLock::prevotes)
        .orElse(List.of());
  }

  /**
   * The votes this validator signed at {@code height}, as the WAL and this session know them; a
   * restarted validator re-sends them, since peers may never have received them.
   */
  public List<SignedVote> votesAt(long height) {
    return votes.values().stream()
        .filter(v -> v.vote().height() == height)
        .sorted(
            Comparator.comparingInt((SignedVote v) -> v.vote().round())
                .thenComparing(v -> v.vote().type()))
        .toList();
  }

  /** Forgets slots below {@code height} here and in the WAL, once that height is committed. */
  public void committed(long height) {
    proposals.keySet().removeIf(s -> s.height() <= height);
    votes.keySet().removeIf(s -> s.height() <= height);
    proofs.keySet().removeIf(s -> s.height() <= height);
    wal.truncateBelow(height + 1);
  }

  private static Slot slot(Vote v) {
    return new Slot(v.height(), v.round(), v.type() == VoteType.PREVOTE ? "prevote" : "precommit");
  }

  private static Slot slot(Proposal p) {
    return new Slot(p.height(), p.round(), "proposal");
  }
}
