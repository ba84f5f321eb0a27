package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.chancery.consensus.types.MessageSigner;
import org.chancery.consensus.types.MessageVerifier;
import org.chancery.consensus.types.Proposal;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.types.Validators;
import org.chancery.consensus.types.ValueId;
import org.chancery.consensus.types.Vote;
import org.chancery.core.Bytes;
import org.chancery.core.block.CommitCertificateVerifier;
import org.chancery.core.block.ValidatorSet;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.junit.jupiter.api.Test;

/**
 * The whole path with real signatures: validators sign with {@link MessageSigner}, the node checks
 * with {@link MessageVerifier}, the driver decides, and the commit it returns is a certificate that
 * core's {@link CommitCertificateVerifier} accepts with no node.
 */
class SignedDecisionTest {
  private static final String CHAIN = "chancery-test";

  @Test
  void aDecisionCarriesACertificateThatVerifiesOffline() {
    CryptoSuite suite = CryptoSuite.byName("sm");
    Map<String, EcKeyPair> keys = new LinkedHashMap<>();
    List<ValidatorSet.Validator> members = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      EcKeyPair k = suite.generateKeyPair();
      keys.put(name, k);
      members.add(new ValidatorSet.Validator(name, "org-" + name, k.publicKey(), 1));
    }
    ValidatorSet set = new ValidatorSet(members);
    MessageVerifier verifier = new MessageVerifier(suite, CHAIN, set);
    Map<String, MessageSigner> signers = new LinkedHashMap<>();
    keys.forEach(
        (name, k) -> signers.put(name, new MessageSigner(suite, CHAIN, name, k.privateKey())));
    ConsensusDriver driver = new ConsensusDriver("a", new WeightedRoundRobin(), Scenario.TIMEOUTS);
    ValueId block = new ValueId(Bytes.of(suite.hash("block 3".getBytes(StandardCharsets.UTF_8))));

    driver.apply(new DriverInput.StartHeight(3, Validators.of(set)));
    Proposal proposal = new Proposal(3, 0, block, -1, driver.proposer(0));
    List<DriverInput> inputs = new ArrayList<>();
    inputs.add(
        new DriverInput.ProposalReceived(
            signers.get(proposal.proposer()).sign(proposal), Validity.VALID));
    for (String v : List.of("a", "b", "c")) {
      inputs.add(new DriverInput.VoteReceived(signers.get(v).sign(Vote.prevote(3, 0, block, v))));
    }
    for (String v : List.of("a", "b", "c")) {
      inputs.add(new DriverInput.VoteReceived(signers.get(v).sign(Vote.precommit(3, 0, block, v))));
    }
    DriverOutput.Decide decided = null;
    for (DriverInput in : inputs) {
      if (in instanceof DriverInput.VoteReceived v) {
        assertThatCode(() -> verify(verifier, v.vote())).doesNotThrowAnyException();
      }
      for (DriverOutput o : driver.apply(in)) {
        if (o instanceof DriverOutput.Decide d) {
          decided = d;
        }
      }
    }

    DriverOutput.Decide d = Objects.requireNonNull(decided, "no decision");
    assertThatCode(
            () ->
                new CommitCertificateVerifier(suite, CHAIN)
                    .verify(d.certificate(), 3, block.bytes(), set))
        .doesNotThrowAnyException();
  }

  private static void verify(MessageVerifier verifier, SignedVote vote) {
    verifier
        .check(vote)
        .ifPresent(
            problem -> {
              throw new AssertionError(problem);
            });
  }
}
