package org.chancery.consensus.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.chancery.consensus.round.RoundInput;
import org.chancery.consensus.round.RoundOutput;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.TimeoutKind;

/**
 * The model's {@code ConsensusInput} and {@code ConsensusOutput} (consensus.qnt) mapped to {@link
 * RoundInput} and {@link RoundOutput}. An input or output kind this class does not know fails the
 * replay: a trace set from a newer model must be looked at, not silently passed.
 */
final class ModelConsensus {
  private ModelConsensus() {}

  /** What the model says one round-state-machine step produced. */
  sealed interface Expected {
    /** Accepted, with no output (lines 42-43 in the precommit step). */
    record Nothing() implements Expected {}

    /** Rejected: the state must be unchanged. */
    record Rejected(String message) implements Expected {}

    /** Accepted with this output. */
    record Output(RoundOutput output) implements Expected {}
  }

  static RoundInput input(JsonNode n) {
    JsonNode p = Itf.payload(n);
    return switch (Itf.tag(n)) {
      case "NewRoundCInput" -> new RoundInput.NewRound(Itf.integer(p));
      case "NewRoundProposerCInput" -> new RoundInput.NewRoundAsProposer(Itf.integer(p));
      case "ProposeValueCInput" -> new RoundInput.ProposeValue(ModelTerms.nonNil(p));
      case "ProposalCInput" -> {
        List<JsonNode> rv = Itf.tuple(p);
        yield new RoundInput.Proposal(
            Itf.integer(rv.get(0)),
            ModelTerms.value(rv.get(1))
                .orElseThrow(() -> new IllegalStateException("proposal of nil: " + n)));
      }
      case "ProposalInvalidCInput" -> new RoundInput.InvalidProposal();
      case "ProposalAndPolkaPreviousAndValidCInput" -> {
        List<JsonNode> vr = Itf.tuple(p);
        yield new RoundInput.ProposalAndPolkaPrevious(
            ModelTerms.value(vr.get(0))
                .orElseThrow(() -> new IllegalStateException("proposal of nil: " + n)),
            Itf.integer(vr.get(1)));
      }
      case "ProposalAndPolkaAndInvalidCInput" ->
          new RoundInput.InvalidProposalAndPolkaPrevious(
              ModelTerms.value(p)
                  .orElseThrow(() -> new IllegalStateException("proposal of nil: " + n)));
      case "PolkaAnyCInput" -> new RoundInput.PolkaAny();
      case "ProposalAndPolkaAndValidCInput" ->
          new RoundInput.ProposalAndPolkaCurrent(
              ModelTerms.value(p)
                  .orElseThrow(() -> new IllegalStateException("polka of nil: " + n)));
      case "PolkaNilCInput" -> new RoundInput.PolkaNil();
      case "PrecommitAnyCInput" -> new RoundInput.PrecommitAny();
      case "ProposalAndCommitAndValidCInput" -> {
        List<JsonNode> rv = Itf.tuple(p);
        yield new RoundInput.ProposalAndPrecommitValue(
            Itf.integer(rv.get(0)), ModelTerms.nonNil(rv.get(1)));
      }
      case "RoundSkipCInput" -> new RoundInput.SkipRound(Itf.integer(p));
      case "TimeoutProposeCInput" ->
          new RoundInput.TimeoutExpired(ModelTerms.timeout(TimeoutKind.PROPOSE, p));
      case "TimeoutPrevoteCInput" ->
          new RoundInput.TimeoutExpired(ModelTerms.timeout(TimeoutKind.PREVOTE, p));
      case "TimeoutPrecommitCInput" ->
          new RoundInput.TimeoutExpired(ModelTerms.timeout(TimeoutKind.PRECOMMIT, p));
      default -> throw new IllegalStateException("unknown model consensus input: " + n);
    };
  }

  /**
   * The expected result of a step.
   *
   * @param height the height of the state the step was applied to (a model timeout output names
   *     only its round)
   */
  static Expected output(JsonNode n, long height) {
    JsonNode p = Itf.payload(n);
    return switch (Itf.tag(n)) {
      case "NoConsensusOutput" -> new Expected.Nothing();
      case "ErrorOutput" -> new Expected.Rejected(p.asText());
      case "ProposalOutput" ->
          new Expected.Output(new RoundOutput.BroadcastProposal(ModelTerms.proposal(p)));
      case "GetValueAndScheduleTimeoutOutput" -> {
        List<JsonNode> hrt = Itf.tuple(p);
        long h = Itf.bigint(hrt.get(0));
        int r = Itf.integer(hrt.get(1));
        yield new Expected.Output(
            new RoundOutput.RequestValue(
                h, r, new Timeout(ModelTerms.timeoutKind(hrt.get(2)), h, r)));
      }
      case "VoteOutput" -> new Expected.Output(new RoundOutput.BroadcastVote(ModelTerms.vote(p)));
      case "TimeoutOutput" -> {
        List<JsonNode> rt = Itf.tuple(p);
        yield new Expected.Output(
            new RoundOutput.ScheduleTimeout(
                new Timeout(ModelTerms.timeoutKind(rt.get(1)), height, Itf.integer(rt.get(0)))));
      }
      case "DecidedOutput" -> {
        List<JsonNode> rv = Itf.tuple(p);
        yield new Expected.Output(
            new RoundOutput.Decide(Itf.integer(rv.get(0)), ModelTerms.nonNil(rv.get(1))));
      }
      case "SkipRoundOutput" -> new Expected.Output(new RoundOutput.EnterRound(Itf.integer(p)));
      default -> throw new IllegalStateException("unknown model consensus output: " + n);
    };
  }

  static Optional<RoundOutput> asOutput(Expected e) {
    return e instanceof Expected.Output o ? Optional.of(o.output()) : Optional.empty();
  }
}
