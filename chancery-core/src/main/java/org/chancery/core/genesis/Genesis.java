package org.chancery.core.genesis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.chancery.core.block.ValidatorSet;
import org.chancery.crypto.EcPublicKey;

/**
 * The first configuration of a chain, written once by {@code chancery network init} and shared by
 * every node: which chain, which crypto suite, who the members are, who validates, how consensus is
 * tuned and how governance decides. Nodes refuse to start on a genesis whose hash differs from the
 * one pinned in their configuration.
 *
 * <pre>{@code
 * Genesis genesis = GenesisCodec.decode("genesis.json", Files.readAllBytes(path));
 * CryptoSuite suite = CryptoSuite.byName(genesis.suite());
 * }</pre>
 *
 * @param chainId the chain's identifier, signed into every transaction and block
 * @param suite the crypto suite name, {@code sm} or {@code nist}
 * @param genesisTime the time of block 0; later block times must be after it
 * @param organisations the member organisations with their CA certificates
 * @param validators the initial validator set
 * @param consensus consensus tuning
 * @param transactions admission limits for transactions
 * @param governance the rule that config transactions must satisfy
 * @param evidence the evidence contract's limits; {@link EvidenceParameters#defaults()} when the
 *     file has none
 */
public record Genesis(
    String chainId,
    String suite,
    Instant genesisTime,
    List<OrganisationEntry> organisations,
    List<ValidatorEntry> validators,
    ConsensusParameters consensus,
    TransactionParameters transactions,
    GovernancePolicy governance,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultEvidence.class)
        EvidenceParameters evidence) {

  public Genesis {
    organisations = List.copyOf(organisations);
    validators = List.copyOf(validators);
  }

  /** A genesis with the default evidence limits. */
  public Genesis(
      String chainId,
      String suite,
      Instant genesisTime,
      List<OrganisationEntry> organisations,
      List<ValidatorEntry> validators,
      ConsensusParameters consensus,
      TransactionParameters transactions,
      GovernancePolicy governance) {
    this(
        chainId,
        suite,
        genesisTime,
        organisations,
        validators,
        consensus,
        transactions,
        governance,
        EvidenceParameters.defaults());
  }

  /**
   * Leaves the default evidence limits out of {@code genesis.json}, so genesis files written before
   * they existed encode to the same bytes. Jackson calls {@code equals} with the value: true means
   * "omit".
   */
  static final class DefaultEvidence {
    @Override
    public boolean equals(Object value) {
      return value == null || EvidenceParameters.defaults().equals(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** The initial validator set, with keys decoded. */
  public ValidatorSet validatorSet() {
    return new ValidatorSet(
        validators.stream()
            .map(
                v ->
                    new ValidatorSet.Validator(
                        v.name(),
                        v.organisation(),
                        EcPublicKey.fromSubjectPublicKeyInfo(
                            java.util.HexFormat.of().parseHex(v.publicKey())),
                        v.power()))
            .toList());
  }
}
