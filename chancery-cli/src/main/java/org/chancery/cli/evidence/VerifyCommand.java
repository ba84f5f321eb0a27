package org.chancery.cli.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chancery.cli.ChanceryCli;
import org.chancery.cli.JsonOutput;
import org.chancery.sdk.evidence.EvidenceVerifier;
import org.chancery.sdk.evidence.VerificationReport;
import org.chancery.sdk.evidence.VerificationReport.StepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chancery verify}: checks an evidence certificate (JSON, or a PDF that embeds it) with the
 * chain's genesis alone, step by step, and optionally the deposited file.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an evidence certificate offline, with the chain's genesis file alone.",
      "",
      "Exit codes: 0 every step holds; 1 a step failed; 2 usage error.",
      "",
      "Example:",
      "  chancery verify --genesis genesis.json cert.json --file lease.pdf"
    })
public final class VerifyCommand implements Callable<Integer> {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'CST' '(UTC'xxx')'");

  @Spec CommandSpec spec;

  @Option(
      names = "--genesis",
      required = true,
      paramLabel = "FILE",
      description = "The chain's genesis.json, the only thing trusted.")
  Path genesis;

  @Parameters(index = "0", paramLabel = "CERT", description = "The certificate: JSON or PDF.")
  Path certificate;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "The deposited file, to check its digest and size.")
  Path file;

  @Option(names = "--json", description = "Print the report as one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    byte[] genesisBytes = read(genesis, "--genesis");
    byte[] certBytes = read(certificate, "CERT");
    if (file != null && !Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "--file: no such file " + file);
    }
    if (EvidenceVerifier.isPdf(certBytes) && !json) {
      spec.commandLine()
          .getErr()
          .println(
              "note: "
                  + certificate
                  + " is a PDF; verifying its attachment evidence-certificate.json");
      spec.commandLine().getErr().flush();
    }
    VerificationReport report =
        new EvidenceVerifier().verify(genesisBytes, certBytes, Optional.ofNullable(file));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, toJson(report));
    } else {
      print(out, report);
    }
    return report.ok() ? 0 : ChanceryCli.EXIT_FAILED;
  }

  private byte[] read(Path path, String what) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), what + ": no such file " + path);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), what + ": cannot read " + path + ": " + e.getMessage());
    }
  }

  static void print(PrintWriter out, VerificationReport report) {
    for (StepResult s : report.steps()) {
      String status =
          switch (s.status()) {
            case PASS -> "[PASS]";
            case FAIL -> "[FAIL]";
            case SKIPPED -> "[SKIP]";
          };
      out.printf("%s %s  %s%n", status, s.name(), s.detail());
    }
    report
        .summary()
        .ifPresent(
            d -> {
              out.println();
              out.printf("deposit        %s%n", d.depositId().hex());
              out.printf(
                  "file           %s%s, %d bytes%n",
                  d.fileName().map(n -> n + ", ").orElse(""), d.mediaType(), d.size());
              out.printf("digest         %s (%s)%n", d.digest().hex(), d.hashAlgorithm());
              if (!d.label().isEmpty()) {
                out.printf("label          %s%n", d.label());
              }
              out.printf("deposit time   %s (UTC)%n", d.depositTime());
              out.printf("               %s%n", LOCAL_TIME.format(d.depositTime().atZone(CHINA)));
              out.printf(
                  "depositor      %s (%s) of %s%s%n",
                  d.subjectName(),
                  d.subjectRole(),
                  d.organisation(),
                  d.organisationName().map(n -> " (" + n + ")").orElse(""));
              out.printf("block          %d  %s%n", d.blockHeight(), d.blockHash().hex());
              out.printf("transaction    %s%n", d.txId().hex());
              out.printf(
                  "signed by      %s (%d of %d)%n",
                  String.join(", ", d.signingValidators()),
                  d.signingValidators().size(),
                  d.validatorCount());
              out.printf("chain          %s, genesis %s%n", d.chainId(), d.genesisHash().hex());
            });
    out.println();
    report
        .firstFailure()
        .ifPresentOrElse(
            f -> out.printf("FAILED at step %s: %s%n", f.name(), f.detail()),
            () -> out.println("VERIFIED: every step holds"));
    out.flush();
  }

  static ObjectNode toJson(VerificationReport report) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("ok", report.ok());
    report
        .firstFailure()
        .ifPresentOrElse(
            s -> n.putObject("firstFailure").put("step", s.name()).put("detail", s.detail()),
            () -> n.putNull("firstFailure"));
    ArrayNode steps = n.putArray("steps");
    for (StepResult s : report.steps()) {
      steps
          .addObject()
          .put("step", s.name())
          .put("status", s.status().name())
          .put("detail", s.detail());
    }
    report
        .summary()
        .ifPresentOrElse(
            d -> {
              ObjectNode s = n.putObject("summary");
              s.put("depositId", d.depositId().hex());
              s.put("digest", d.digest().hex());
              s.put("hashAlgorithm", d.hashAlgorithm());
              s.put("size", d.size());
              s.put("mediaType", d.mediaType());
              s.put("fileName", d.fileName().orElse(null));
              s.put("label", d.label());
              s.put("depositTime", d.depositTime().toString());
              s.put(
                  "depositTimeChina", d.depositTime().atZone(CHINA).toOffsetDateTime().toString());
              s.put("organisation", d.organisation());
              s.put("organisationName", d.organisationName().orElse(null));
              s.put("subject", d.subjectName());
              s.put("role", d.subjectRole());
              s.put("blockHeight", d.blockHeight());
              s.put("blockHash", d.blockHash().hex());
              s.put("txId", d.txId().hex());
              ArrayNode signers = s.putArray("signingValidators");
              d.signingValidators().forEach(signers::add);
              s.put("validatorCount", d.validatorCount());
              s.put("chainId", d.chainId());
              s.put("genesisHash", d.genesisHash().hex());
            },
            () -> n.putNull("summary"));
    return n;
  }
}
