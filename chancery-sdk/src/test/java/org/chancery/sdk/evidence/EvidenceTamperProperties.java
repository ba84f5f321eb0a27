package org.chancery.sdk.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any change at any position of any leaf fails, at the step that owns the leaf. */
class EvidenceTamperProperties {
  private static final EvidenceFixture FIXTURE = EvidenceFixture.create();
  private static final JsonNode CERTIFICATE = CertificateLeaves.parse(FIXTURE.certificateJson());
  private static final EvidenceVerifier VERIFIER = new EvidenceVerifier();

  @Provide
  Arbitrary<String> leaves() {
    return Arbitraries.of(CertificateLeaves.leaves(CERTIFICATE));
  }

  @Property(tries = 300)
  void anyChangeOfAnyLeafFailsAtItsStep(
      @ForAll("leaves") String pointer,
      @ForAll @IntRange(min = 0, max = 1_000_000) int position,
      @ForAll @IntRange(min = 1, max = 1000) int amount) {
    JsonNode tampered = CertificateLeaves.tamper(CERTIFICATE, pointer, position, amount);
    VerificationReport report =
        VERIFIER.verify(FIXTURE.genesisJson, CertificateLeaves.write(tampered), Optional.empty());
    assertThat(report.ok()).as(pointer).isFalse();
    assertThat(report.firstFailure().orElseThrow().step())
        .as("%s at %d by %d: %s", pointer, position, amount, report.firstFailure())
        .isIn(TamperExpectations.possibleFirstFailures(pointer));
  }
}
