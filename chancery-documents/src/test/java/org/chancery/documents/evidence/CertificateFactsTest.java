package org.chancery.documents.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateFactsTest {
  private static final CertificateFacts F = SampleCertificates.facts();

  @Test
  void acceptsSm3AndSha256Only() {
    assertThat(with("SHA-256", F.signingValidators(), F.validatorCount()).hashAlgorithm())
        .isEqualTo("SHA-256");
    assertThatThrownBy(() -> with("MD5", F.signingValidators(), F.validatorCount()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hashAlgorithm must be one of");
  }

  @Test
  void rejectsMoreSignersThanValidators() {
    assertThatThrownBy(() -> with("SM3", List.of("node1", "node2", "node3"), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no more than validatorCount (2)");
  }

  @Test
  void copiesTheValidatorList() {
    List<String> validators = new ArrayList<>(List.of("node1"));
    CertificateFacts facts = with("SM3", validators, 1);
    validators.add("node2");
    assertThat(facts.signingValidators()).containsExactly("node1");
  }

  @Test
  void rejectsABlankRequiredField() {
    assertThatThrownBy(() -> SampleCertificates.facts("label", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fileName");
  }

  @Test
  void depositTimeIsWrittenInUtcAndChinaStandardTime() {
    assertThat(DepositTimes.bothZones(Instant.parse("2026-12-04T20:37:03.999Z")))
        .isEqualTo("2026-12-04 20:37:03 UTC / 2026-12-05 04:37:03 CST (UTC+08:00)");
  }

  private static CertificateFacts with(String algorithm, List<String> validators, int count) {
    return new CertificateFacts(
        F.depositId(),
        F.digest(),
        algorithm,
        F.size(),
        F.mediaType(),
        F.fileName(),
        F.label(),
        F.previousDepositId(),
        F.depositTime(),
        F.depositorOrganisation(),
        F.depositorOrganisationName(),
        F.depositorSubject(),
        F.depositorRole(),
        F.chainId(),
        F.genesisHash(),
        F.blockHeight(),
        F.blockHash(),
        F.txId(),
        validators,
        count,
        F.certificateDigest());
  }
}
