package org.chancery.sdk.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chancery.sdk.evidence.VerificationReport.Status;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every leaf of a valid certificate, changed, makes verification fail at the step that owns it. */
class EvidenceTamperTest {
  private static final EvidenceFixture FIXTURE = EvidenceFixture.create();
  private static final JsonNode CERTIFICATE = CertificateLeaves.parse(FIXTURE.certificateJson());
  private static final EvidenceVerifier VERIFIER = new EvidenceVerifier();

  private static VerificationReport verify(JsonNode certificate) {
    return VERIFIER.verify(
        FIXTURE.genesisJson, CertificateLeaves.write(certificate), Optional.empty());
  }

  @Test
  void theUntamperedCertificatePasses() {
    assertThat(verify(CERTIFICATE).ok()).isTrue();
  }

  @Test
  void theWalkReachesEveryFieldAndEveryKindOfLeaf() {
    List<String> leaves = CertificateLeaves.leaves(CERTIFICATE);
    Set<String> kinds =
        leaves.stream()
            .map(p -> CertificateLeaves.kind(CERTIFICATE.at(p)))
            .collect(Collectors.toSet());
    assertThat(kinds).containsExactlyInAnyOrderElementsOf(CertificateLeaves.kinds());
    assertThat(leaves)
        .contains(
            "/genesisHash",
            "/deposit/metadata/parties/1",
            "/deposit/depositor/role",
            "/transaction/creatorChain/0",
            "/proofs/transaction/path/0",
            "/proofs/receipt/path/2",
            "/commit/validators/3/certificate")
        .hasSizeGreaterThan(50);
  }

  @TestFactory
  Stream<DynamicTest> everyChangedLeafFailsAtTheStepThatOwnsIt() {
    return CertificateLeaves.leaves(CERTIFICATE).stream()
        .map(
            pointer ->
                DynamicTest.dynamicTest(
                    pointer,
                    () -> {
                      VerificationReport report =
                          verify(CertificateLeaves.tamper(CERTIFICATE, pointer, -1, 1));
                      assertThat(report.ok()).as(pointer).isFalse();
                      assertThat(report.firstFailure().orElseThrow().step())
                          .as("%s: %s", pointer, report.firstFailure())
                          .isEqualTo(TamperExpectations.firstFailure(pointer));
                    }));
  }

  @Test
  void aChangedSignatureChangesTheIncludedTransactionAndFailsItsSignature() {
    VerificationReport report =
        verify(CertificateLeaves.tamper(CERTIFICATE, "/transaction/signature", -1, 1));
    assertThat(report.firstFailure().orElseThrow().step())
        .isEqualTo(VerificationStep.TRANSACTION_INCLUSION);
    assertThat(report.step(VerificationStep.TRANSACTION_SIGNATURE).status()).isEqualTo(Status.FAIL);
    assertThat(report.step(VerificationStep.TRANSACTION_SIGNATURE).detail())
        .contains("signature does not verify");
    assertThat(report.step(VerificationStep.COMMIT_CERTIFICATE).status()).isEqualTo(Status.PASS);
  }

  @Test
  void aChangedHeaderIsCaughtByItsHashEvenWhenItStillDecodes() {
    VerificationReport report =
        verify(CertificateLeaves.tamper(CERTIFICATE, "/block/header", -1, 1));
    assertThat(report.firstFailure().orElseThrow().detail())
        .startsWith("block.hash is")
        .contains("but the header hashes to");
  }
}
