package org.chancery.node.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chancery.core.config.ConfigException;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.EvidenceParameters;
import org.junit.jupiter.api.Test;

/** The optional {@code evidence} limits of network.yaml. */
class NetworkDescriptionEvidenceTest {
  private static NetworkDescription withEvidence(EvidenceParameters evidence) {
    NetworkDescription d =
        NetworkDescription.singleNode(
            "test-chain", "sm", ConsensusParameters.defaults(ConsensusType.SOLO), 7100, 7200);
    return new NetworkDescription(
        d.chainId(),
        d.suite(),
        d.organisations(),
        d.consensus(),
        d.transactions(),
        d.governance(),
        d.pki(),
        evidence);
  }

  @Test
  void absentMeansDefaultsAndGivenLimitsRoundTrip() {
    String defaults = NetworkDescriptionYaml.render(withEvidence(EvidenceParameters.defaults()));
    assertThat(defaults).doesNotContain("evidence");
    assertThat(NetworkDescriptionYaml.parse("network.yaml", defaults).evidence())
        .isEqualTo(EvidenceParameters.defaults());

    String custom = NetworkDescriptionYaml.render(withEvidence(new EvidenceParameters(10, 512)));
    assertThat(NetworkDescriptionYaml.parse("network.yaml", custom).evidence())
        .isEqualTo(new EvidenceParameters(10, 512));
  }

  @Test
  void outOfRangeLimitsNameTheField() {
    String yaml = NetworkDescriptionYaml.render(withEvidence(new EvidenceParameters(10, 512)));
    assertThatThrownBy(
            () ->
                NetworkDescriptionYaml.parse(
                    "network.yaml", yaml.replace("maxBatchDeposits: 10", "maxBatchDeposits: 300")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("maxBatchDeposits");
    assertThatThrownBy(
            () ->
                NetworkDescriptionYaml.parse(
                    "network.yaml", yaml.replace("maxMetadataBytes: 512", "maxMetadataBytes: 1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("maxMetadataBytes");
    assertThatThrownBy(
            () ->
                NetworkDescriptionYaml.parse(
                    "network.yaml", yaml.replace("maxMetadataBytes: 512", "maxMetadata: 512")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("maxMetadata");
  }
}
