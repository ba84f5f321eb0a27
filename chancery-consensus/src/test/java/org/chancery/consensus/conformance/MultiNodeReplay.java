package org.chancery.consensus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.chancery.consensus.driver.ConsensusDriver;
import org.chancery.consensus.driver.DriverInput;
import org.chancery.consensus.driver.DriverOutput;
import org.chancery.consensus.driver.DriverRules;
import org.chancery.consensus.driver.ProposerSelector;
import org.chancery.consensus.driver.TimeoutSchedule;
import org.chancery.consensus.driver.Validity;
import org.chancery.consensus.round.RoundState;
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
 * Replays a multi-node trace of the model ({@code system} and {@code _hist}, from statemachineAsync
 * or the synchronous statemachine): one {@link ConsensusDriver} per correct validator is fed the
 * same proposals, votes, certificates, timeouts, proposal values and height starts, in the same
 * order as the model's driver consumed them.
 *
 * <p>The model's driver handles an input in several model steps (the input, then {@code
 * StepChangeDInput} and {@code PendingDInput} follow-ups); Chancery's driver handles it and its
 * follow-ups in one call. So the replay compares at the points where the model node has no
 * follow-up left: there the set of outputs since the previous such point, the round state (height,
 * round, step, lock, valid value and round), the decided blocks with their commits, and the
 * equivocation evidence must all match.
 *
 * <p>Documented deviation 1: the model's driver records a "step change" (its trigger to look again
 * at held proposals and votes) only when the step name differs before and after one of its steps; a
 * round skip from the propose step of round r to the propose step of round r+1 goes unnoticed, so a
 * proposal already held for round r+1 is not acted on (line 22 is level-triggered: "upon a proposal
 * ... while step_p = propose"). Chancery looks again on any round or step change ({@link
 * DriverRules#reexamine}). A trace whose first mismatch is in a comparison window containing such a
 * silent round change is replayed again with the model's rule substituted for that one function,
 * and must then match throughout; it is counted.
 *
 * <p>Documented deviation 2: after a node decides, the model keeps feeding that height's round
 * state machine (for instance it schedules a precommit timeout in the commit step); Algorithm 1
 * moves to the next height (lines 52-54) and Chancery's driver stops acting on the decided height.
 * Those model outputs are counted, not compared, until the node starts its next height.
 */
final class MultiNodeReplay {
  static final String AFTER_DECISION =
      "model output after the node decided, before its next height (lines 52-54)";
  static final String SILENT_ROUND_CHANGE =
      "model does not look again at held messages after a round change that keeps the step";

  /** The model's trigger for a step change: the step name differs. */
  static final DriverRules MODEL_STEP_CHANGE =
      new DriverRules() {
        @Override
        public boolean reexamine(RoundState before, RoundState after) {
          return before.step() != after.step();
        }
      };

  /** A mismatch in a window where the model changed round without noticing a step change. */
  static final class SilentRoundChangeMismatch extends AssertionError {
    SilentRoundChangeMismatch(AssertionError cause) {
      super(cause.getMessage(), cause);
    }
  }

  private MultiNodeReplay() {}

  static boolean accepts(Itf.Trace trace) {
    return trace.hasVariable("system") && trace.hasVariable("_hist");
  }

  static ReplayStats replay(Itf.Trace trace, CoreVariant core) {
    try {
      return replayWith(trace, core);
    } catch (SilentRoundChangeMismatch standardDiverged) {
      if (core.driverRules() != DriverRules.STANDARD) {
        throw standardDiverged;
      }
      ReplayStats stats = replayWith(trace, core.withDriverRules(MODEL_STEP_CHANGE));
      stats.deviation(SILENT_ROUND_CHANGE);
      return stats;
    }
  }

  private static ReplayStats replayWith(Itf.Trace trace, CoreVariant core) {
    ReplayStats stats = new ReplayStats();
    Map<String, NodeReplay> nodes = new LinkedHashMap<>();
    for (Map.Entry<JsonNode, JsonNode> e : Itf.map(trace.variable(0, "system"))) {
      String name = e.getKey().asText();
      nodes.put(name, new NodeReplay(trace.name(), name, e.getValue(), stats, core));
    }
    for (int i = 1; i < trace.states().size(); i++) {
      if (trace.repeatsPrevious(i)) {
        stats.repeatedStatesSkipped++;
        continue;
      }
      Hist hist = Hist.of(trace.variable(i, "_hist"));
      boolean histChanged = !trace.variable(i, "_hist").equals(trace.variable(i - 1, "_hist"));
      Map<String, JsonNode> before = nodeStates(trace.variable(i - 1, "system"));
      Map<String, JsonNode> after = nodeStates(trace.variable(i, "system"));
      for (Map.Entry<String, NodeReplay> n : nodes.entrySet()) {
        String name = n.getKey();
        boolean actor = hist.validator().equals(name) && histChanged;
        JsonNode a = before.get(name);
        JsonNode b = after.get(name);
        if (a.equals(b) && !actor) {
          continue;
        }
        n.getValue().observe(i, a, b, hist.validator().equals(name) ? hist : null, actor);
      }
    }
    return stats;
  }

  private static Map<String, JsonNode> nodeStates(JsonNode system) {
    Map<String, JsonNode> m = new TreeMap<>();
    for (Map.Entry<JsonNode, JsonNode> e : Itf.map(system)) {
      m.put(e.getKey().asText(), e.getValue());
    }
    return m;
  }

  /** The last driver step: {@code {validator, input, output}} or the tuple of the sync model. */
  record Hist(String validator, JsonNode input, JsonNode output) {
    static Hist of(JsonNode n) {
      if (n.has("#tup")) {
        List<JsonNode> t = Itf.tuple(n);
        return new Hist(t.get(0).asText(), t.get(1), t.get(2));
      }
      return new Hist(n.get("validator").asText(), n.get("input"), n.get("output"));
    }
  }

  /** The model's proposer rule: validators in order, {@code (round + 1) mod n}, any height. */
  static final ProposerSelector MODEL_PROPOSER =
      (validators, height, round) -> {
        List<String> names = new ArrayList<>(validators.powers().keySet());
        return names.get(Math.floorMod(round + 1, names.size()));
      };

  /** A decided block as compared: height, round, proposal and the commit's votes. */
  record Decided(long height, int round, Proposal proposal, Set<Vote> commit) {}

  /** Output of either side in comparable form. */
  record RequestValue(long height, int round) {}

  /** One correct validator: the model's node and Chancery's driver side by side. */
  static final class NodeReplay {
    private final String trace;
    private final String name;
    private final ReplayStats stats;
    private final Validators validators;
    private final ConsensusDriver driver;
    private final Set<Object> expected = new HashSet<>();
    private final Set<Object> actual = new HashSet<>();
    private final List<Decided> decided = new ArrayList<>();
    private final Set<List<Object>> evidence = new HashSet<>();
    private boolean modelDecidedThisHeight;
    private boolean silentRoundChangeInWindow;

    NodeReplay(String trace, String name, JsonNode node0, ReplayStats stats, CoreVariant core) {
      this.trace = trace;
      this.name = name;
      this.stats = stats;
      Map<String, Long> powers = new LinkedHashMap<>();
      for (Map.Entry<JsonNode, JsonNode> e : Itf.map(node0.get("es").get("valset"))) {
        powers.put(e.getKey().asText(), Itf.bigint(e.getValue()));
      }
      this.validators = Validators.of(powers);
      this.driver =
          new ConsensusDriver(
              name,
              MODEL_PROPOSER,
              new TimeoutSchedule(1, 1, 1, 1, 1, 1),
              core.rules(),
              core.thresholds(),
              core.driverRules());
      assertThat(node0.get("es").get("started").asBoolean()).isFalse();
    }

    void observe(int index, JsonNode a, JsonNode b, Hist hist, boolean actor) {
      JsonNode esA = a.get("es");
      JsonNode esB = b.get("es");
      String where = trace + ": state " + index + ", node " + name;
      if (!esB.get("started").asBoolean() && (esA.get("started").asBoolean() || !esA.equals(esB))) {
        // The environment moved the node to its next height (newHeightAction).
        checkpoint(where + " before its next height", esA, false);
        modelDecidedThisHeight = false;
        return;
      }
      if (hist == null || !(actor || drove(a, b))) {
        return; // a delivery into the node's buffers, or the next value to propose
      }
      String tag = Itf.tag(hist.input());
      RoundState pre = ModelTerms.roundState(esA.get("cs"));
      long height = pre.height();
      switch (tag) {
        case "StartDInput", "PendingDInput" -> {
          if (!esA.get("started").asBoolean()) {
            feed(startHeight(height, a));
          }
        }
        case "StepChangeDInput", "NoDInput" -> {}
        case "ProposalDInput" -> {
          Proposal p = ModelTerms.proposal(Itf.payload(hist.input()));
          Validity validity =
              p.value().equals(ValueId.ofText("invalid")) ? Validity.INVALID : Validity.VALID;
          feed(new DriverInput.ProposalReceived(new SignedProposal(p, Bytes.EMPTY), validity));
        }
        case "VoteDInput" ->
            feed(new DriverInput.VoteReceived(signed(ModelTerms.vote(Itf.payload(hist.input())))));
        case "CertificateDInput" -> {
          List<SignedVote> votes = new ArrayList<>();
          Itf.set(Itf.payload(hist.input())).forEach(v -> votes.add(signed(ModelTerms.vote(v))));
          feed(new DriverInput.CertificateReceived(votes));
        }
        case "TimeoutDInput" -> {
          TimeoutKind kind = ModelTerms.timeoutKind(Itf.payload(hist.input()));
          feed(new DriverInput.TimeoutExpired(new Timeout(kind, height, pre.round())));
        }
        case "ProposeValueDInput" ->
            feed(
                new DriverInput.ValueToPropose(
                    height, pre.round(), ModelTerms.nonNil(Itf.payload(hist.input()))));
        default -> throw new AssertionError(where + ": unknown driver input " + hist.input());
      }
      long heightAfter = Itf.bigint(esB.get("cs").get("height"));
      List<Object> outputs = modelOutputs(hist.output(), heightAfter);
      if (modelDecidedThisHeight) {
        if (!outputs.isEmpty()) {
          stats.deviation(AFTER_DECISION);
        }
      } else {
        expected.addAll(outputs);
      }
      if (Itf.tag(hist.output()).equals("DecidedOutput")) {
        modelDecidedThisHeight = true;
      }
      RoundState post = ModelTerms.roundState(esB.get("cs"));
      if (esA.get("started").asBoolean()
          && post.round() != pre.round()
          && post.step() == pre.step()) {
        silentRoundChangeInWindow = true;
      }
      stats.statesCompared++;
      if (quiescent(esB)) {
        checkpoint(where + " after " + hist.input(), esB, true);
      }
    }

    private void feed(DriverInput input) {
      for (DriverOutput o : driver.apply(input)) {
        switch (o) {
          case DriverOutput.BroadcastProposal p -> actual.add(p.proposal());
          case DriverOutput.BroadcastVote v -> actual.add(v.vote());
          case DriverOutput.ScheduleTimeout t -> actual.add(t.timeout());
          case DriverOutput.RequestValue r -> actual.add(new RequestValue(r.height(), r.round()));
          case DriverOutput.Decide d -> {
            actual.add(new ValueDecided(d.height(), d.round(), d.proposal().proposal().value()));
            Set<Vote> commit = new HashSet<>();
            d.commit().forEach(s -> commit.add(s.vote()));
            decided.add(new Decided(d.height(), d.round(), d.proposal().proposal(), commit));
          }
          case DriverOutput.EvidenceFound e ->
              evidence.add(
                  List.of(
                      e.equivocation().validator(),
                      e.equivocation().counted().vote().round(),
                      e.equivocation().counted().vote().type()));
          case DriverOutput.InputIgnored ignored -> {}
        }
      }
    }

    private DriverInput startHeight(long height, JsonNode node) {
      List<SignedVote> votes = new ArrayList<>();
      for (JsonNode v : Itf.set(node.get("incomingVotes"))) {
        Vote vote = ModelTerms.vote(v);
        if (vote.height() == height) {
          votes.add(signed(vote));
        }
      }
      List<List<SignedVote>> certificates = new ArrayList<>();
      for (JsonNode c : Itf.set(node.get("incomingCertificates"))) {
        List<SignedVote> cert = new ArrayList<>();
        Itf.set(c).forEach(v -> cert.add(signed(ModelTerms.vote(v))));
        if (cert.stream().allMatch(s -> s.vote().height() == height)) {
          certificates.add(cert);
        }
      }
      return new DriverInput.StartHeight(height, validators, votes, certificates);
    }

    private void checkpoint(String where, JsonNode es, boolean compareState) {
      try {
        assertThat(actual).as(where + ": outputs since the last comparison").isEqualTo(expected);
        if (compareState && !modelDecidedThisHeight) {
          assertThat(driver.roundState())
              .as(where + ": round state")
              .isEqualTo(ModelTerms.roundState(es.get("cs")));
        }
      } catch (AssertionError mismatch) {
        throw silentRoundChangeInWindow ? new SilentRoundChangeMismatch(mismatch) : mismatch;
      }
      expected.clear();
      actual.clear();
      silentRoundChangeInWindow = false;
      stats.comparisonPoints++;
      List<Decided> chain = new ArrayList<>();
      for (JsonNode entry : es.get("chain")) {
        Proposal p = ModelTerms.proposal(entry.get("decision"));
        Set<Vote> commit = new HashSet<>();
        Itf.set(entry.get("commit")).forEach(v -> commit.add(ModelTerms.vote(v)));
        int round = commit.stream().findFirst().map(Vote::round).orElse(p.round());
        chain.add(new Decided(p.height(), round, p, commit));
      }
      assertThat(decided).as(where + ": decided blocks").isEqualTo(chain);
      Set<List<Object>> modelEvidence = new HashSet<>();
      for (JsonNode set : Itf.set(es.get("bk").get("evidence"))) {
        for (JsonNode v : Itf.set(set)) {
          Vote vote = ModelTerms.vote(v);
          modelEvidence.add(List.of(vote.validator(), vote.round(), vote.type()));
        }
      }
      // Chancery keeps the first conflict per validator, round and type; the model keeps them all.
      assertThat(evidence).as(where + ": equivocations").containsAll(modelEvidence);
    }

    private static boolean quiescent(JsonNode es) {
      return es.get("started").asBoolean()
          && Itf.tag(es.get("pendingStepChange")).equals("NoStep")
          && Itf.set(es.get("pendingInputs")).isEmpty();
    }

    /** True if the node's driver state or buffers show it took a step (not a delivery). */
    private static boolean drove(JsonNode a, JsonNode b) {
      if (!a.get("es").equals(b.get("es"))) {
        return true;
      }
      for (String buffer :
          List.of("incomingVotes", "incomingProposals", "incomingCertificates", "timeouts")) {
        if (Itf.set(b.get(buffer)).size() < Itf.set(a.get(buffer)).size()) {
          return true;
        }
      }
      return false;
    }

    private static SignedVote signed(Vote v) {
      return new SignedVote(v, Bytes.EMPTY);
    }

    private List<Object> modelOutputs(JsonNode output, long height) {
      JsonNode p = Itf.payload(output);
      return switch (Itf.tag(output)) {
        case "NoConsensusOutput", "ErrorOutput", "SkipRoundOutput" -> List.of();
        case "ProposalOutput" -> List.of(ModelTerms.proposal(p));
        case "VoteOutput" -> List.of(ModelTerms.vote(p));
        case "TimeoutOutput" -> {
          List<JsonNode> rt = Itf.tuple(p);
          yield List.of(
              new Timeout(ModelTerms.timeoutKind(rt.get(1)), height, Itf.integer(rt.get(0))));
        }
        case "GetValueAndScheduleTimeoutOutput" -> {
          List<JsonNode> hrt = Itf.tuple(p);
          long h = Itf.bigint(hrt.get(0));
          int r = Itf.integer(hrt.get(1));
          yield List.of(
              new RequestValue(h, r), new Timeout(ModelTerms.timeoutKind(hrt.get(2)), h, r));
        }
        case "DecidedOutput" -> {
          List<JsonNode> rv = Itf.tuple(p);
          yield List.of(
              new ValueDecided(height, Itf.integer(rv.get(0)), ModelTerms.nonNil(rv.get(1))));
        }
        default -> throw new AssertionError(trace + ": unknown model output " + output);
      };
    }
  }

  /** A decision as an output. */
  record ValueDecided(long height, int round, ValueId value) {}
}
