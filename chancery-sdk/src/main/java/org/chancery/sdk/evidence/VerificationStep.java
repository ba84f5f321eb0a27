package org.chancery.sdk.evidence;

/**
 * The checks {@link EvidenceVerifier} runs, in order. Each has a stable kebab-case {@link
 * #stepName()} that the CLI prints and scripts may match on.
 */
public enum VerificationStep {
  /** The certificate is JSON of schema {@code urn:chancery:evidence-certificate:v1}. */
  CERTIFICATE_FORMAT("certificate-format"),
  /** The certificate names the genesis it is checked against: its hash, chain id and suite. */
  GENESIS("genesis"),
  /** The certificate's validators are the genesis validators, with their certificates. */
  VALIDATOR_SET("validator-set"),
  /** The block header is final: a quorum of genesis validators precommitted its exact bytes. */
  COMMIT_CERTIFICATE("commit-certificate"),
  /** The transaction is in the header's tx root. */
  TRANSACTION_INCLUSION("transaction-inclusion"),
  /** Its receipt is in the header's receipt root at the same position. */
  RECEIPT_INCLUSION("receipt-inclusion"),
  /** The transaction's id and signature hold over its exact body bytes. */
  TRANSACTION_SIGNATURE("transaction-signature"),
  /** The signer's certificate was issued by its organisation's CA and valid at the block time. */
  CREATOR_CERTIFICATE("creator-certificate"),
  /** The transaction is a successful evidence deposit that produced this deposit id. */
  RECEIPT("receipt"),
  /** The deposit record says exactly what the signed transaction and the block say. */
  DEPOSIT_RECORD("deposit-record"),
  /** The file given has the deposited digest and size (skipped without a file). */
  FILE_DIGEST("file-digest");

  private final String stepName;

  VerificationStep(String stepName) {
    this.stepName = stepName;
  }

  /** The step's stable name, for example {@code commit-certificate}. */
  public String stepName() {
    return stepName;
  }

  @Override
  public String toString() {
    return stepName;
  }
}
