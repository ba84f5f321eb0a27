package org.chancery.sdk.evidence;

import static org.chancery.sdk.evidence.VerificationStep.CERTIFICATE_FORMAT;
import static org.chancery.sdk.evidence.VerificationStep.COMMIT_CERTIFICATE;
import static org.chancery.sdk.evidence.VerificationStep.CREATOR_CERTIFICATE;
import static org.chancery.sdk.evidence.VerificationStep.DEPOSIT_RECORD;
import static org.chancery.sdk.evidence.VerificationStep.GENESIS;
import static org.chancery.sdk.evidence.VerificationStep.RECEIPT;
import static org.chancery.sdk.evidence.VerificationStep.RECEIPT_INCLUSION;
import static org.chancery.sdk.evidence.VerificationStep.TRANSACTION_INCLUSION;
import static org.chancery.sdk.evidence.VerificationStep.TRANSACTION_SIGNATURE;
import static org.chancery.sdk.evidence.VerificationStep.VALIDATOR_SET;

import java.util.Set;

/** Which step must be the first to fail when one leaf of a certificate changes. */
final class TamperExpectations {
  private TamperExpectations() {}

  /** The first failing step for the deterministic change of the leaf at {@code pointer}. */
  static VerificationStep firstFailure(String pointer) {
    if (pointer.equals("/schema") || pointer.equals("/suite")) {
      return CERTIFICATE_FORMAT;
    }
    if (pointer.equals("/chainId") || pointer.equals("/genesisHash")) {
      return GENESIS;
    }
    if (pointer.equals("/deposit/depositId") || pointer.equals("/deposit/index")) {
      return RECEIPT;
    }
    if (pointer.startsWith("/deposit/")) {
      return DEPOSIT_RECORD;
    }
    if (pointer.equals("/transaction/txId") || pointer.equals("/transaction/creatorCertificate")) {
      return TRANSACTION_SIGNATURE;
    }
    if (pointer.equals("/transaction/body") || pointer.equals("/transaction/signature")) {
      return TRANSACTION_INCLUSION;
    }
    if (pointer.startsWith("/transaction/creatorChain/")) {
      return CREATOR_CERTIFICATE;
    }
    if (pointer.startsWith("/block/") || pointer.equals("/commit/certificate")) {
      return COMMIT_CERTIFICATE;
    }
    if (pointer.equals("/receipt") || pointer.startsWith("/proofs/receipt/")) {
      return RECEIPT_INCLUSION;
    }
    if (pointer.startsWith("/proofs/transaction/")) {
      return TRANSACTION_INCLUSION;
    }
    if (pointer.startsWith("/commit/validators/")) {
      return VALIDATOR_SET;
    }
    throw new AssertionError("no expectation for leaf " + pointer);
  }

  /**
   * The steps that may fail first for a change anywhere in the leaf: a random byte of the header
   * may be its validator-set hash, which the validator-set step checks before the commit.
   */
  static Set<VerificationStep> possibleFirstFailures(String pointer) {
    if (pointer.equals("/block/header")) {
      return Set.of(VALIDATOR_SET, COMMIT_CERTIFICATE);
    }
    return Set.of(firstFailure(pointer));
  }
}
