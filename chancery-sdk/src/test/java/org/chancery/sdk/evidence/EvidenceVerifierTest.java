package org.chancery.sdk.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.documents.evidence.CertificateFacts;
import org.chancery.documents.evidence.CertificatePdf;
import org.chancery.sdk.evidence.VerificationReport.Status;
import org.chancery.sdk.evidence.VerificationReport.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceVerifierTest {
  private static final EvidenceFixture FIXTURE = EvidenceFixture.create();
  private final EvidenceVerifier verifier = new EvidenceVerifier();

  @TempDir Path dir;

  private VerificationReport verify(EvidenceFixture f, Optional<Path> file) {
    return verifier.verify(f.genesisJson, f.certificate, file);
  }

  private static VerificationStep firstFailure(VerificationReport report) {
    return report.firstFailure().orElseThrow().step();
  }

  @Test
  void aValidCertificateWithItsFilePassesEveryStepInOrder() throws IOException {
    VerificationReport report = verify(FIXTURE, Optional.of(FIXTURE.writeFile(dir)));
    assertThat(report.steps())
        .extracting(StepResult::step)
        .containsExactly(VerificationStep.values());
    assertThat(report.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.PASS));
    assertThat(report.ok()).isTrue();
    assertThat(report.firstFailure()).isEmpty();
    assertThat(report.step(VerificationStep.COMMIT_CERTIFICATE).detail())
        .contains("signed by 3 of 4 validators (node1, node2, node3)");
  }

  @Test
  void withoutAFileTheDigestStepIsSkippedAndTheRestPasses() {
    VerificationReport report = verify(FIXTURE, Optional.empty());
    assertThat(report.ok()).isTrue();
    assertThat(report.step(VerificationStep.FILE_DIGEST).status()).isEqualTo(Status.SKIPPED);
    assertThat(report.steps().stream().filter(s -> s.status() == Status.PASS)).hasSize(10);
  }

  @Test
  void theSummaryNamesWhatWasDepositedByWhomAndWhere() {
    VerificationReport.Summary s = verify(FIXTURE, Optional.empty()).summary().orElseThrow();
    assertThat(s.depositId()).isEqualTo(FIXTURE.record.depositId());
    assertThat(s.digest()).isEqualTo(FIXTURE.request.digest());
    assertThat(s.hashAlgorithm()).isEqualTo("SM3");
    assertThat(s.size()).isEqualTo(FIXTURE.file.length);
    assertThat(s.mediaType()).isEqualTo("application/pdf");
    assertThat(s.fileName()).contains("lease-2026-017.pdf");
    assertThat(s.label()).isEqualTo("signed lease, flat 3B");
    assertThat(s.depositTime()).isEqualTo(EvidenceFixture.BLOCK_TIME);
    assertThat(s.organisation()).isEqualTo("org1");
    assertThat(s.organisationName()).contains("Organisation 1");
    assertThat(s.subjectName()).isEqualTo("client@org1");
    assertThat(s.subjectRole()).isEqualTo("client");
    assertThat(s.blockHeight()).isEqualTo(EvidenceFixture.HEIGHT);
    assertThat(s.txId()).isEqualTo(FIXTURE.transaction.txId());
    assertThat(s.signingValidators()).containsExactly("node1", "node2", "node3");
    assertThat(s.validatorCount()).isEqualTo(4);
    assertThat(s.chainId()).isEqualTo(EvidenceFixture.CHAIN_ID);
    assertThat(s.genesisHash().hex()).isEqualTo(GenesisCodec.hash("sm", FIXTURE.genesisJson));
  }

  @Test
  void aDepositInABatchVerifiesAtItsIndex() {
    EvidenceFixture batch = EvidenceFixture.builder().batch().build();
    VerificationReport report = verify(batch, Optional.empty());
    assertThat(report.ok()).as("%s", report.firstFailure()).isTrue();
    assertThat(batch.record.index()).isEqualTo(1);
    assertThat(report.step(VerificationStep.RECEIPT).detail()).contains("evidence.depositBatch");
  }

  @Test
  void aNistChainVerifiesToo() {
    assertThat(verify(EvidenceFixture.builder().suite("nist").build(), Optional.empty()).ok())
        .isTrue();
  }

  @Test
  void anotherNetworksGenesisFailsAtGenesis() {
    EvidenceFixture other = EvidenceFixture.create();
    VerificationReport report =
        verifier.verify(other.genesisJson, FIXTURE.certificate, Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.GENESIS);
    assertThat(report.firstFailure().orElseThrow().detail()).contains("hashes to");
    // Its validators are other keys too: nothing else of the chain is trusted either.
    assertThat(report.step(VerificationStep.VALIDATOR_SET).status()).isEqualTo(Status.FAIL);
    assertThat(report.step(VerificationStep.COMMIT_CERTIFICATE).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void aChainWithAnotherIdFailsAtGenesisEvenWithAMatchingHashOfItsOwn() {
    EvidenceFixture renamed = EvidenceFixture.builder().chainId("other-chain").build();
    VerificationReport report =
        verifier.verify(renamed.genesisJson, FIXTURE.certificate, Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.GENESIS);
  }

  @Test
  void twoOfFourSignaturesAreNoQuorum() {
    VerificationReport report =
        verify(EvidenceFixture.builder().signers(2).build(), Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.COMMIT_CERTIFICATE);
    assertThat(report.firstFailure().orElseThrow().detail())
        .contains("carries power 2 of 4; a quorum needs 3");
    assertThat(report.steps().stream().filter(s -> s.status() == Status.FAIL)).hasSize(1);
  }

  @Test
  void fourOfFourSignaturesPass() {
    assertThat(verify(EvidenceFixture.builder().signers(4).build(), Optional.empty()).ok())
        .isTrue();
  }

  @Test
  void aCreatorCertificateExpiredAtTheBlockTimeFailsAtCreatorCertificate() {
    VerificationReport report =
        verify(EvidenceFixture.builder().creatorExpired().build(), Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.CREATOR_CERTIFICATE);
    assertThat(report.firstFailure().orElseThrow().detail()).contains("expired");
    assertThat(report.step(VerificationStep.DEPOSIT_RECORD).status()).isEqualTo(Status.PASS);
  }

  @Test
  void aFailedReceiptFailsAtReceipt() {
    VerificationReport report =
        verify(EvidenceFixture.builder().failedReceipt().build(), Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.RECEIPT);
    assertThat(report.firstFailure().orElseThrow().detail())
        .contains("the transaction failed: limit-exceeded");
  }

  @Test
  void aFileWithOneByteChangedFailsAtFileDigest() throws IOException {
    byte[] changed = FIXTURE.file.clone();
    changed[1000] ^= 0x20;
    VerificationReport report =
        verify(FIXTURE, Optional.of(Files.write(dir.resolve("changed.pdf"), changed)));
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.FILE_DIGEST);
    assertThat(report.steps().stream().filter(s -> s.status() == Status.FAIL)).hasSize(1);
  }

  @Test
  void aShorterOrLongerFileFailsAtFileDigest() throws IOException {
    byte[] shorter = Arrays.copyOf(FIXTURE.file, FIXTURE.file.length - 1);
    byte[] longer = Arrays.copyOf(FIXTURE.file, FIXTURE.file.length + 1);
    for (byte[] bytes : new byte[][] {shorter, longer, new byte[0]}) {
      Path f = Files.write(dir.resolve("f" + bytes.length), bytes);
      VerificationReport report = verify(FIXTURE, Optional.of(f));
      assertThat(firstFailure(report)).isEqualTo(VerificationStep.FILE_DIGEST);
      assertThat(report.firstFailure().orElseThrow().detail())
          .contains("the file has " + bytes.length + " bytes");
    }
  }

  @Test
  void aMissingFileFailsAtFileDigest() {
    VerificationReport report = verify(FIXTURE, Optional.of(dir.resolve("absent.pdf")));
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.FILE_DIGEST);
    assertThat(report.firstFailure().orElseThrow().detail()).contains("no such file");
  }

  @Test
  void bytesThatAreNoCertificateFailTheFormatAndSkipTheRest() {
    VerificationReport report =
        verifier.verify(
            FIXTURE.genesisJson,
            "{\"schema\":\"urn:chancery:evidence-certificate:v1\"}"
                .getBytes(StandardCharsets.UTF_8),
            Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.CERTIFICATE_FORMAT);
    assertThat(report.steps().subList(1, report.steps().size()))
        .allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.SKIPPED));
    assertThat(report.summary()).isEmpty();
  }

  @Test
  void aFileThatIsNoGenesisFailsAtGenesisAndSkipsWhatNeedsIt() {
    VerificationReport report =
        verifier.verify(
            "{\"chainId\": 1}".getBytes(StandardCharsets.UTF_8),
            FIXTURE.certificate,
            Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.GENESIS);
    assertThat(report.step(VerificationStep.VALIDATOR_SET).status()).isEqualTo(Status.SKIPPED);
    assertThat(report.step(VerificationStep.COMMIT_CERTIFICATE).status()).isEqualTo(Status.SKIPPED);
    // What needs only the certificate's own bytes still runs.
    assertThat(report.step(VerificationStep.TRANSACTION_INCLUSION).status()).isEqualTo(Status.PASS);
  }

  @Test
  void aCertificateRoundTripsThroughItsJsonAndStillVerifies() {
    VerificationReport report =
        verifier.verify(FIXTURE.genesisJson, FIXTURE.certificateJson(), Optional.empty());
    assertThat(report.ok()).isTrue();
  }

  @Test
  void aCertificatePdfVerifiesThroughItsAttachment() throws IOException {
    byte[] pdf = pdfOf(FIXTURE.certificateJson());
    VerificationReport report =
        verifier.verify(FIXTURE.genesisJson, pdf, Optional.of(FIXTURE.writeFile(dir)));
    assertThat(report.ok()).as(report.steps().toString()).isTrue();
  }

  @Test
  void aPdfWhoseAttachmentWasSwappedFailsWhereTheSwappedJsonIsWrong() {
    byte[] other =
        new String(FIXTURE.certificateJson(), StandardCharsets.UTF_8)
            .replace(EvidenceFixture.CHAIN_ID, "another-chain")
            .getBytes(StandardCharsets.UTF_8);
    VerificationReport report =
        verifier.verify(FIXTURE.genesisJson, pdfOf(other), Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.GENESIS);
  }

  @Test
  void aPdfWithoutACertificateFailsAtCertificateFormatNamingTheReason() {
    VerificationReport report =
        verifier.verify(
            FIXTURE.genesisJson,
            "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
            Optional.empty());
    assertThat(firstFailure(report)).isEqualTo(VerificationStep.CERTIFICATE_FORMAT);
    assertThat(report.step(VerificationStep.CERTIFICATE_FORMAT).detail())
        .startsWith("the PDF holds no readable certificate (");
  }

  /** A certificate PDF as a node renders it, attaching {@code json}; the facts do not verify. */
  private static byte[] pdfOf(byte[] json) {
    DepositRecord d = FIXTURE.record;
    return CertificatePdf.render(
        new CertificateFacts(
            d.depositId().hex(),
            d.request().digest().hex(),
            FIXTURE.suite.hashAlgorithm(),
            d.request().size(),
            d.request().mediaType(),
            d.request().fileName(),
            d.request().label(),
            null,
            d.time(),
            d.depositor().organisation(),
            d.depositor().organisation(),
            d.depositor().name(),
            d.depositor().role(),
            FIXTURE.genesis.chainId(),
            FIXTURE.certificate.genesisHash().hex(),
            d.height(),
            FIXTURE.certificate.block().hash().hex(),
            d.txId().hex(),
            java.util.List.of("node1", "node2", "node3"),
            4,
            java.util.HexFormat.of().formatHex(FIXTURE.suite.hash(json))),
        json);
  }
}
