package org.chancery.consensus.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.chancery.consensus.round.RoundState;
import org.chancery.consensus.round.Step;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.Timeout;
import org.chancery.consensus.types.TimeoutKind;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.consensus.types.VoteType;

/**
 * Translates the terms of malachite's Quint model (as ITF JSON) into the core's types. Model values
 * are strings ("block", "red", ...) and {@code id(v) = v}; they become {@link ValueId#ofText}.
 */
final class ModelTerms {
  private ModelTerms() {}

  /** A model value or value id: {@code Val(v)} or {@code Nil}. */
  static Optional<ValueId> value(JsonNode n) {
    return switch (Itf.tag(n)) {
      case "Val" -> Optional.of(ValueId.ofText(Itf.payload(n).asText()));
      case "Nil" -> Optional.empty();
      default -> throw new IllegalStateException("not a model value: " + n);
    };
  }

  /** A non-nil model value: a plain string. */
  static ValueId nonNil(JsonNode n) {
    if (!n.isTextual()) {
      throw new IllegalStateException("not a non-nil model value: " + n);
    }
    return ValueId.ofText(n.asText());
  }

  static Step step(JsonNode n) {
    return switch (Itf.tag(n)) {
      case "NoStep" -> Step.NONE;
      case "UnstartedStep" -> Step.UNSTARTED;
      case "ProposeStep" -> Step.PROPOSE;
      case "PrevoteStep" -> Step.PREVOTE;
      case "PrecommitStep" -> Step.PRECOMMIT;
      case "CommitStep" -> Step.COMMIT;
      default -> throw new IllegalStateException("unknown model step: " + n);
    };
  }

  static TimeoutKind timeoutKind(JsonNode n) {
    return switch (Itf.tag(n)) {
      case "ProposeTimeout" -> TimeoutKind.PROPOSE;
      case "PrevoteTimeout" -> TimeoutKind.PREVOTE;
      case "PrecommitTimeout" -> TimeoutKind.PRECOMMIT;
      default -> throw new IllegalStateException("unknown model timeout: " + n);
    };
  }

  static VoteType voteType(JsonNode n) {
    return switch (Itf.tag(n)) {
      case "Prevote" -> VoteType.PREVOTE;
      case "Precommit" -> VoteType.PRECOMMIT;
      default -> throw new IllegalStateException("unknown model vote type: " + n);
    };
  }

  /** A model {@code Vote{voteType, srcAddress, height, round, valueId}}. */
  static Vote vote(JsonNode n) {
    return new Vote(
        voteType(n.get("voteType")),
        Itf.bigint(n.get("height")),
        Itf.integer(n.get("round")),
        value(n.get("valueId")),
        n.get("srcAddress").asText());
  }

  /** A model {@code Proposal{srcAddress, height, round, proposal, validRound}}. */
  static Proposal proposal(JsonNode n) {
    return new Proposal(
        Itf.bigint(n.get("height")),
        Itf.integer(n.get("round")),
        nonNil(n.get("proposal")),
        Itf.integer(n.get("validRound")),
        n.get("srcAddress").asText());
  }

  /** A model {@code ConsensusState} record, without its process name. */
  static RoundState roundState(JsonNode n) {
    return new RoundState(
        Itf.bigint(n.get("height")),
        Itf.integer(n.get("round")),
        step(n.get("step")),
        Itf.integer(n.get("lockedRound")),
        value(n.get("lockedValue")),
        Itf.integer(n.get("validRound")),
        value(n.get("validValue")));
  }

  /** The (height, round) pair of a model timeout input. */
  static Timeout timeout(TimeoutKind kind, JsonNode heightRound) {
    List<JsonNode> hr = Itf.tuple(heightRound);
    return new Timeout(kind, Itf.bigint(hr.get(0)), Itf.integer(hr.get(1)));
  }
}
