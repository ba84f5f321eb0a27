package org.chancery.cli.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.cli.CliRun;
import org.chancery.node.api.PdfCertificateRenderer;
import org.chancery.sdk.evidence.CertificateLeaves;
import org.chancery.sdk.evidence.EvidenceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final EvidenceFixture FIXTURE = EvidenceFixture.create();

  @TempDir static Path dir;
  static Path genesis;
  static Path certificate;
  static Path file;

  @BeforeAll
  static void write() throws Exception {
    genesis = FIXTURE.writeGenesis(dir);
    certificate = FIXTURE.writeCertificate(dir);
    file = FIXTURE.writeFile(dir);
  }

  @Test
  void aValidCertificateWithItsFilePrintsEveryStepAndTheDepositInUtcAndChinaTime() {
    CliRun run =
        CliRun.of(
            "verify",
            "--genesis",
            genesis.toString(),
            certificate.toString(),
            "--file",
            file.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("[PASS] certificate-format  ")
        .contains("[PASS] genesis  the genesis hash matches ")
        .contains("[PASS] file-digest  ")
        .contains("deposit time   2026-12-04T20:37:03.120Z (UTC)")
        .contains("2026-12-05 04:37:03 CST (UTC+08:00)")
        .contains("depositor      client@org1 (client) of org1 (Organisation 1)")
        .contains("signed by      node1, node2, node3 (3 of 4)")
        .contains("VERIFIED: every step holds")
        .doesNotContain("[FAIL]");
  }

  @Test
  void withoutAFileTheDigestStepIsSkipped() {
    CliRun run = CliRun.of("verify", "--genesis", genesis.toString(), certificate.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("[SKIP] file-digest  no file given");
  }

  @Test
  void aTamperedCertificateExitsOneNamingTheStep() throws Exception {
    JsonNode tampered =
        CertificateLeaves.tamper(
            CertificateLeaves.parse(FIXTURE.certificateJson()), "/block/header", -1, 1);
    Path bad = Files.write(dir.resolve("tampered.json"), CertificateLeaves.write(tampered));
    CliRun run = CliRun.of("verify", "--genesis", genesis.toString(), bad.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("[FAIL] commit-certificate  ")
        .contains("FAILED at step commit-certificate: block.hash is");
  }

  @Test
  void jsonIsOneDocumentWithEveryStepAndTheSummary() {
    CliRun run =
        CliRun.of("verify", "--genesis", genesis.toString(), certificate.toString(), "--json");
    assertThat(run.exit()).isZero();
    JsonNode doc = run.json();
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("firstFailure").isNull()).isTrue();
    assertThat(doc.get("steps")).hasSize(11);
    assertThat(doc.at("/steps/0/step").asText()).isEqualTo("certificate-format");
    assertThat(doc.at("/steps/10/status").asText()).isEqualTo("SKIPPED");
    assertThat(doc.at("/summary/depositId").asText()).isEqualTo(FIXTURE.record.depositId().hex());
    assertThat(doc.at("/summary/depositTimeChina").asText())
        .isEqualTo("2026-12-05T04:37:03.120+08:00");
    assertThat(doc.at("/summary/signingValidators")).hasSize(3);
  }

  @Test
  void anotherFileFailsAtFileDigest() throws Exception {
    Path other = Files.write(dir.resolve("other.pdf"), new byte[] {1, 2, 3});
    CliRun run =
        CliRun.of(
            "verify",
            "--genesis",
            genesis.toString(),
            certificate.toString(),
            "--file",
            other.toString(),
            "--json");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.json().at("/firstFailure/step").asText()).isEqualTo("file-digest");
  }

  @Test
  void missingInputsAreUsageErrors() {
    CliRun noGenesis =
        CliRun.of(
            "verify", "--genesis", dir.resolve("nope.json").toString(), certificate.toString());
    assertThat(noGenesis.exit()).isEqualTo(2);
    assertThat(noGenesis.err()).contains("--genesis: no such file");
    CliRun noCert = CliRun.of("verify", "--genesis", genesis.toString(), "absent.json");
    assertThat(noCert.exit()).isEqualTo(2);
    assertThat(noCert.err()).contains("CERT: no such file");
    CliRun noFile =
        CliRun.of(
            "verify", "--genesis", genesis.toString(), certificate.toString(), "--file", "gone");
    assertThat(noFile.exit()).isEqualTo(2);
  }

  @Test
  void unreadableCertificateOrGenesisFailsWithTheReason() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.json"), "not json");
    CliRun run = CliRun.of("verify", "--genesis", genesis.toString(), junk.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAILED at step certificate-format: not an evidence certificate");
    CliRun badGenesis = CliRun.of("verify", "--genesis", junk.toString(), certificate.toString());
    assertThat(badGenesis.exit()).isEqualTo(1);
    assertThat(badGenesis.out()).contains("FAILED at step genesis: the genesis file is not");
  }

  @Test
  void aCertificatePdfVerifiesOnItsOwn() throws Exception {
    Path pdf = dir.resolve("cert.pdf");
    Files.write(pdf, pdfOf(FIXTURE.certificateJson()));
    Path file = FIXTURE.writeFile(dir);
    CliRun run =
        CliRun.of(
            "verify", "--genesis", genesis.toString(), pdf.toString(), "--file", file.toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("VERIFIED: every step holds");
    assertThat(run.err()).contains("is a PDF; verifying its attachment evidence-certificate.json");
  }

  @Test
  void aPdfWhoseEmbeddedJsonWasChangedFailsAtTheStepTheChangeBreaks() throws Exception {
    ObjectNode changed = (ObjectNode) JSON.readTree(FIXTURE.certificateJson());
    ((ObjectNode) changed.get("deposit")).put("label", "a different label");
    Path pdf = dir.resolve("tampered.pdf");
    Files.write(pdf, pdfOf(JSON.writeValueAsBytes(changed)));
    CliRun run = CliRun.of("verify", "--genesis", genesis.toString(), pdf.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED at step deposit-record");
  }

  @Test
  void aPdfWithoutTheCertificateAttachmentFailsAtCertificateFormat() throws Exception {
    Path pdf = Files.writeString(dir.resolve("plain.pdf"), "%PDF-1.7\n...");
    CliRun run = CliRun.of("verify", "--genesis", genesis.toString(), pdf.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAILED at step certificate-format: the PDF holds no readable certificate");
  }

  /** The PDF a node renders for a certificate, with {@code json} as its attachment. */
  private static byte[] pdfOf(byte[] json) {
    return new PdfCertificateRenderer(FIXTURE.genesis).render(FIXTURE.certificate, json);
  }
}
