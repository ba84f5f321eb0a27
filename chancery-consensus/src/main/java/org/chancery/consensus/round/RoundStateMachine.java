package org.chancery.consensus.round;

import java.util.Objects;
import org.chancery.consensus.round.RoundInput.InvalidProposal;
import org.chancery.consensus.round.RoundInput.InvalidProposalAndPolkaPrevious;
import org.chancery.consensus.round.RoundInput.NewRound;
import org.chancery.consensus.round.RoundInput.NewRoundAsProposer;
import org.chancery.consensus.round.RoundInput.PolkaAny;
import org.chancery.consensus.round.RoundInput.PolkaNil;
import org.chancery.consensus.round.RoundInput.PrecommitAny;
import org.chancery.consensus.round.RoundInput.ProposalAndPolkaCurrent;
import org.chancery.consensus.round.RoundInput.ProposalAndPolkaPrevious;
import org.chancery.consensus.round.RoundInput.ProposalAndPrecommitValue;
import org.chancery.consensus.round.RoundInput.ProposeValue;
import org.chancery.consensus.round.RoundInput.SkipRound;
import org.chancery.consensus.round.RoundInput.TimeoutExpired;

/**
 * The Tendermint round state machine of one validator: a pure function from a {@link RoundState}
 * and a {@link RoundInput} to a {@link Transition}. No clock, threads, randomness or I/O; the same
 * state and input always give the same transition.
 *
 * <pre>{@code
 * RoundStateMachine sm = new RoundStateMachine("node1");
 * Transition t = sm.apply(RoundState.initial(5), new RoundInput.NewRound(0));
 * // t.state(): round 0, step PROPOSE; t.output(): ScheduleTimeout(PROPOSE, 5, 0)
 * }</pre>
 */
public final class RoundStateMachine {
  private final String self;
  private final UponRules rules;

  /** The state machine of validator {@code self}, running Algorithm 1. */
  public RoundStateMachine(String self) {
    this(self, UponRules.ALGORITHM_1);
  }

  /** The state machine of validator {@code self}, running {@code rules}. */
  public RoundStateMachine(String self, UponRules rules) {
    this.self = Objects.requireNonNull(self, "self");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public String self() {
    return self;
  }

  /** Applies one input. */
  public Transition apply(RoundState state, RoundInput input) {
    return switch (input) {
      case NewRound in -> rules.startRound(self, state, in);
      case NewRoundAsProposer in -> rules.startRoundAsProposer(self, state, in);
      case ProposeValue in -> rules.proposeValue(self, state, in);
      case RoundInput.Proposal in -> rules.proposal(self, state, in);
      case InvalidProposal in -> rules.invalidProposal(self, state);
      case ProposalAndPolkaPrevious in -> rules.proposalAndPolkaPrevious(self, state, in);
      case InvalidProposalAndPolkaPrevious in ->
          rules.invalidProposalAndPolkaPrevious(self, state, in);
      case PolkaAny in -> rules.polkaAny(self, state);
      case ProposalAndPolkaCurrent in -> rules.proposalAndPolkaCurrent(self, state, in);
      case PolkaNil in -> rules.polkaNil(self, state);
      case PrecommitAny in -> rules.precommitAny(self, state);
      case ProposalAndPrecommitValue in -> rules.proposalAndPrecommitValue(self, state, in);
      case SkipRound in -> rules.skipRound(self, state, in);
      case TimeoutExpired in ->
          switch (in.timeout().kind()) {
            case PROPOSE -> rules.timeoutPropose(self, state, in.timeout());
            case PREVOTE -> rules.timeoutPrevote(self, state, in.timeout());
            case PRECOMMIT -> rules.timeoutPrecommit(self, state, in.timeout());
          };
    };
  }
}
