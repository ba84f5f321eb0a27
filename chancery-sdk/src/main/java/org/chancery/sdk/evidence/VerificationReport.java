package org.chancery.sdk.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chancery.core.Bytes;

/**
 * What {@link EvidenceVerifier} found: one result for every {@link VerificationStep}, in order, and
 * a summary of what the certificate claims when it could be read. The claims in the summary are
 * proven only when {@link #ok()} holds.
 *
 * <pre>{@code
 * VerificationReport report = new EvidenceVerifier().verify(genesis, certificateJson, file);
 * if (report.ok()) {
 *   System.out.println("deposited at " + report.summary().orElseThrow().depositTime());
 * } else {
 *   StepResult failed = report.firstFailure().orElseThrow();
 *   System.out.println("FAILED at step " + failed.name() + ": " + failed.detail());
 * }
 * }</pre>
 *
 * @param steps every step's result, in the order of {@link VerificationStep}
 * @param summary the certificate's claims, empty if it could not be read
 */
public record VerificationReport(List<StepResult> steps, Optional<Summary> summary) {

  public VerificationReport {
    steps = List.copyOf(steps);
    Objects.requireNonNull(summary, "summary");
  }

  /** A step's outcome. */
  public enum Status {
    /** The check held. */
    PASS,
    /** The check failed: the certificate does not prove what it claims. */
    FAIL,
    /** The check did not run: its inputs were unusable (see an earlier failure) or not given. */
    SKIPPED
  }

  /**
   * One step's result.
   *
   * @param step the step
   * @param status what came of it
   * @param detail one line saying what was checked, or what was wrong
   */
  public record StepResult(VerificationStep step, Status status, String detail) {
    public StepResult {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }

    /** The step's stable name, for example {@code genesis}. */
    public String name() {
      return step.stepName();
    }
  }

  /**
   * What the certificate says about the deposit, as read from it.
   *
   * @param depositId the deposit's id
   * @param digest the file's digest
   * @param hashAlgorithm the digest's algorithm, {@code SM3} or {@code SHA-256}
   * @param size the file's length in bytes
   * @param mediaType the file's media type
   * @param fileName the file's name, if the depositor gave one
   * @param label the depositor's short description, possibly empty
   * @param depositTime the block time: when the deposit was committed
   * @param organisation the depositor's organisation id
   * @param organisationName that organisation's name in the genesis, if the genesis names it
   * @param subjectName the depositor's name (the CN of the signing certificate)
   * @param subjectRole the depositor's role (its OU)
   * @param blockHeight the block that committed the deposit
   * @param blockHash that block's hash
   * @param txId the transaction that made the deposit
   * @param signingValidators the validators whose precommits the commit certificate carries
   * @param validatorCount how many validators the chain has
   * @param chainId the chain
   * @param genesisHash the hash of the chain's genesis file
   */
  public record Summary(
      Bytes depositId,
      Bytes digest,
      String hashAlgorithm,
      long size,
      String mediaType,
      Optional<String> fileName,
      String label,
      Instant depositTime,
      String organisation,
      Optional<String> organisationName,
      String subjectName,
      String subjectRole,
      long blockHeight,
      Bytes blockHash,
      Bytes txId,
      List<String> signingValidators,
      int validatorCount,
      String chainId,
      Bytes genesisHash) {
    public Summary {
      signingValidators = List.copyOf(signingValidators);
    }
  }

  /** Whether every step that ran passed; a step skipped for want of a file does not count. */
  public boolean ok() {
    return steps.stream().noneMatch(s -> s.status() == Status.FAIL);
  }

  /** The first step that failed, if any. */
  public Optional<StepResult> firstFailure() {
    return steps.stream().filter(s -> s.status() == Status.FAIL).findFirst();
  }

  /** The result of {@code step}. */
  public StepResult step(VerificationStep step) {
    return steps.stream()
        .filter(s -> s.step() == step)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for step " + step));
  }
}
