package org.chancery.consensus.driver;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.Validators;
import org.chancery.consensus.types.ValueId;

/**
 * Everything that can happen to a validator's consensus core, one event at a time. Signatures are
 * checked before an input is built: the core trusts that a signed message is from the validator it
 * names.
 */
public sealed interface DriverInput {

  /**
   * Begin {@code height} with these validators (line 10 for the first height, lines 52-54 after a
   * decision). Votes and certificates that arrived for this height before it began are counted
   * first; if they show that others already reached a later round, the validator starts there
   * instead of round 0; if they already hold a commit quorum, no round is started and the height is
   * decided as soon as the committed proposal is delivered (line 49).
   *
   * @param height the height
   * @param validators its validators
   * @param earlyVotes verified votes for this height received before it began
   * @param earlyCertificates verified certificates (2f+1 votes each) for this height
   * @param lock the lock this validator held at this height before a restart, as its WAL records
   *     it; empty on a fresh start. Pass the lock's proof (its polka's prevotes) among {@code
   *     earlyVotes}, so the validator can relay why it holds it.
   */
  record StartHeight(
      long height,
      Validators validators,
      List<SignedVote> earlyVotes,
      List<List<SignedVote>> earlyCertificates,
      Optional<Lock> lock)
      implements DriverInput {
    public StartHeight {
      Objects.requireNonNull(validators, "validators");
      Objects.requireNonNull(lock, "lock");
      earlyVotes = List.copyOf(earlyVotes);
      earlyCertificates = earlyCertificates.stream().map(List::copyOf).toList();
    }

    /** A height started fresh, with what arrived for it early. */
    public StartHeight(
        long height,
        Validators validators,
        List<SignedVote> earlyVotes,
        List<List<SignedVote>> earlyCertificates) {
      this(height, validators, earlyVotes, earlyCertificates, Optional.empty());
    }

    /** A height with nothing received for it yet. */
    public StartHeight(long height, Validators validators) {
      this(height, validators, List.of(), List.of());
    }
  }

  /**
   * A lock restored after a restart: the validator precommitted {@code value} in {@code round}
   * (Algorithm 1 lines 36-41 set lockedValue and lockedRound, and validValue and validRound).
   * Restoring it keeps the promise the lock made: the validator prevotes nil for any other value in
   * later rounds unless a newer polka unlocks it (line 28).
   *
   * @param round the round of the precommit
   * @param value the value precommitted
   */
  record Lock(int round, ValueId value) {
    public Lock {
      Objects.requireNonNull(value, "value");
      if (round < 0) {
        throw new IllegalArgumentException("a lock's round is not negative: " + round);
      }
    }
  }

  /**
   * A verified proposal, with what executing its block showed. Every proposal is delivered,
   * including the validator's own (the node loops its own broadcasts back).
   */
  record ProposalReceived(SignedProposal proposal, Validity validity) implements DriverInput {
    public ProposalReceived {
      Objects.requireNonNull(proposal, "proposal");
      Objects.requireNonNull(validity, "validity");
    }
  }

  /** A verified vote, including the validator's own. */
  record VoteReceived(SignedVote vote) implements DriverInput {
    public VoteReceived {
      Objects.requireNonNull(vote, "vote");
    }
  }

  /**
   * A verified certificate: votes of one type, round and value from validators holding 2f+1 power
   * (a polka, or the precommits of a commit certificate).
   */
  record CertificateReceived(List<SignedVote> votes) implements DriverInput {
    public CertificateReceived {
      votes = List.copyOf(votes);
    }
  }

  /** A timeout the core scheduled has expired. */
  record TimeoutExpired(Timeout timeout) implements DriverInput {
    public TimeoutExpired {
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /** The application's answer to {@link DriverOutput.RequestValue}: the value to propose. */
  record ValueToPropose(long height, int round, ValueId value) implements DriverInput {
    public ValueToPropose {
      Objects.requireNonNull(value, "value");
    }
  }
}
