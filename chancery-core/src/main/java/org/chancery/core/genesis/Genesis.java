package org.chancery.core.genesis;

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
 */
public record Genesis(
    String chainId,
    String suite,
    Instant genesisTime,
    List<OrganisationEntry> organisations,
    List<ValidatorEntry> validators,
    ConsensusParameters consensus,
    TransactionParameters transactions,
    GovernancePolicy governance) {

  public Genesis {
    organisations = List.copyOf(organisations);
    validators = List.copyOf(validators);
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
