package org.chancery.consensus.driver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedProposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.Validators;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.core.Bytes;

/**
 * One validator's {@link ConsensusDriver} driven by hand, the way a node drives it: messages from
 * fake peers and timeouts are fed directly, no clock or network. The validator's own proposals and
 * votes are delivered back to it, as the node does. Signatures are placeholders: the driver trusts
 * that the node verified them.
 */
final class Scenario {
  static final TimeoutSchedule TIMEOUTS = new TimeoutSchedule(3000, 500, 1000, 500, 1000, 250);

  final String self;
  final Validators validators;
  final ConsensusDriver driver;
  private final List<DriverOutput> log = new ArrayList<>();

  Scenario(String self, Map<String, Long> powers) {
    this(self, powers, new ConsensusDriver(self, new WeightedRoundRobin(), TIMEOUTS));
  }

  /** A scenario around a given driver (a planted bug's rules, say). */
  Scenario(String self, Map<String, Long> powers, ConsensusDriver driver) {
    this.self = self;
    this.validators = Validators.of(powers);
    this.driver = driver;
  }

  /** Validators a, b, c, d of power 1; this one is {@code self}. */
  static Scenario fourValidatorsAs(String self) {
    return new Scenario(self, Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L));
  }

  List<DriverOutput> start(long height) {
    return apply(new DriverInput.StartHeight(height, validators));
  }

  String proposer(int round) {
    return driver.proposer(round);
  }

  /** A valid proposal of {@code value} in {@code round} by that round's proposer. */
  List<DriverOutput> proposal(int round, ValueId value, int validRound) {
    return proposal(round, value, validRound, Validity.VALID);
  }

  List<DriverOutput> proposal(int round, ValueId value, int validRound, Validity validity) {
    Proposal p = new Proposal(driver.height(), round, value, validRound, proposer(round));
    return apply(new DriverInput.ProposalReceived(signed(p), validity));
  }

  List<DriverOutput> prevote(String by, int round, ValueId value) {
    return apply(
        new DriverInput.VoteReceived(signed(Vote.prevote(driver.height(), round, value, by))));
  }

  List<DriverOutput> precommit(String by, int round, ValueId value) {
    return apply(
        new DriverInput.VoteReceived(signed(Vote.precommit(driver.height(), round, value, by))));
  }

  List<DriverOutput> timeout(TimeoutKind kind, int round) {
    return apply(new DriverInput.TimeoutExpired(new Timeout(kind, driver.height(), round)));
  }

  List<DriverOutput> value(int round, ValueId value) {
    return apply(new DriverInput.ValueToPropose(driver.height(), round, value));
  }

  /**
   * Applies an input, then delivers the validator's own broadcasts back to it until none are left.
   * Returns every output, in order.
   */
  List<DriverOutput> apply(DriverInput input) {
    List<DriverOutput> all = new ArrayList<>();
    Deque<DriverInput> queue = new ArrayDeque<>();
    queue.add(input);
    while (!queue.isEmpty()) {
      for (DriverOutput o : driver.apply(queue.poll())) {
        all.add(o);
        switch (o) {
          case DriverOutput.BroadcastVote v ->
              queue.add(new DriverInput.VoteReceived(signed(v.vote())));
          case DriverOutput.BroadcastProposal p ->
              queue.add(new DriverInput.ProposalReceived(signed(p.proposal()), Validity.VALID));
          default -> {}
        }
      }
    }
    log.addAll(all);
    return all;
  }

  /** Every output so far. */
  List<DriverOutput> log() {
    return List.copyOf(log);
  }

  static SignedVote signed(Vote v) {
    return new SignedVote(v, Bytes.fromHex("5151"));
  }

  static SignedProposal signed(Proposal p) {
    return new SignedProposal(p, Bytes.fromHex("5050"));
  }

  /** The outputs of one kind, in order. */
  static <T extends DriverOutput> List<T> only(List<DriverOutput> outputs, Class<T> kind) {
    return outputs.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** The votes among {@code outputs}. */
  static List<Vote> votes(List<DriverOutput> outputs) {
    return only(outputs, DriverOutput.BroadcastVote.class).stream()
        .map(DriverOutput.BroadcastVote::vote)
        .toList();
  }

  static List<Timeout> timeouts(List<DriverOutput> outputs) {
    return only(outputs, DriverOutput.ScheduleTimeout.class).stream()
        .map(DriverOutput.ScheduleTimeout::timeout)
        .toList();
  }

  static Optional<DriverOutput.Decide> decision(List<DriverOutput> outputs) {
    return only(outputs, DriverOutput.Decide.class).stream().findFirst();
  }

  static List<Proposal> proposals(List<DriverOutput> outputs) {
    return only(outputs, DriverOutput.BroadcastProposal.class).stream()
        .map(DriverOutput.BroadcastProposal::proposal)
        .toList();
  }
}
