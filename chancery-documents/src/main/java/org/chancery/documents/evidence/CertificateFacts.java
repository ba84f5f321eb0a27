package org.chancery.documents.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The facts of one evidence deposit, as printed on its PDF certificate. This module takes them as
 * given: whoever builds them (the node, from the JSON certificate it has just issued and verified)
 * vouches that they match the certificate JSON that goes into the same PDF.
 *
 * <p>Example:
 *
 * <pre>{@code
 * CertificateFacts facts = new CertificateFacts(
 *     "dep-7f3a", "66c7f0f4...", "SM3", 18_204L, "application/pdf", "合同.pdf", "租赁合同 / lease",
 *     null, Instant.parse("2026-12-04T20:37:03Z"), "org1", "Beijing Internet Court",
 *     "clerk01", "client", "chancery-prod", "a1b2...", 4_211L, "c3d4...", "e5f6...",
 *     List.of("node1", "node2", "node3"), 4, "9e8d...");
 * }</pre>
 *
 * @param depositId the deposit's identifier on the chain
 * @param digest the hex digest of the deposited file
 * @param hashAlgorithm {@code SM3} or {@code SHA-256}, the algorithm of {@code digest}
 * @param size the deposited file's size in bytes
 * @param mediaType the deposited file's media type, for example {@code application/pdf}
 * @param fileName the deposited file's name, or null when the depositor gave none
 * @param label the depositor's free-text description of the deposit
 * @param previousDepositId the deposit this one supersedes, or null
 * @param depositTime the time of the block that holds the deposit
 * @param depositorOrganisation the depositor's organisation id, for example {@code org1}
 * @param depositorOrganisationName the organisation's display name
 * @param depositorSubject the common name of the depositor's certificate
 * @param depositorRole the depositor's role in the consortium
 * @param chainId the chain's identifier
 * @param genesisHash the hex hash of the chain's genesis file
 * @param blockHeight the height of the block that holds the deposit
 * @param blockHash the hex hash of that block
 * @param txId the deposit transaction's id
 * @param signingValidators the validators whose commit signatures the certificate carries
 * @param validatorCount the size of the validator set at that height
 * @param certificateDigest the lower-case hex hash of the exact JSON certificate bytes
 */
public record CertificateFacts(
    String depositId,
    String digest,
    String hashAlgorithm,
    long size,
    String mediaType,
    String fileName,
    String label,
    String previousDepositId,
    Instant depositTime,
    String depositorOrganisation,
    String depositorOrganisationName,
    String depositorSubject,
    String depositorRole,
    String chainId,
    String genesisHash,
    long blockHeight,
    String blockHash,
    String txId,
    List<String> signingValidators,
    int validatorCount,
    String certificateDigest) {

  /** The digest algorithms an evidence deposit may name. */
  public static final Set<String> HASH_ALGORITHMS = Set.of("SM3", "SHA-256");

  /**
   * Checks the facts, so that a PDF never prints a half-empty certificate.
   *
   * @throws IllegalArgumentException naming the first field that is missing or out of range
   */
  public CertificateFacts {
    requireText(depositId, "depositId");
    requireText(digest, "digest");
    requireText(hashAlgorithm, "hashAlgorithm");
    if (!HASH_ALGORITHMS.contains(hashAlgorithm)) {
      throw new IllegalArgumentException(
          "hashAlgorithm must be one of " + HASH_ALGORITHMS + ", got '" + hashAlgorithm + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0 bytes, got " + size);
    }
    requireText(mediaType, "mediaType");
    requireOptionalText(fileName, "fileName");
    Objects.requireNonNull(label, "label");
    requireOptionalText(previousDepositId, "previousDepositId");
    Objects.requireNonNull(depositTime, "depositTime");
    requireText(depositorOrganisation, "depositorOrganisation");
    requireText(depositorOrganisationName, "depositorOrganisationName");
    requireText(depositorSubject, "depositorSubject");
    requireText(depositorRole, "depositorRole");
    requireText(chainId, "chainId");
    requireText(genesisHash, "genesisHash");
    if (blockHeight < 0) {
      throw new IllegalArgumentException("blockHeight must be >= 0, got " + blockHeight);
    }
    requireText(blockHash, "blockHash");
    requireText(txId, "txId");
    signingValidators = List.copyOf(signingValidators);
    signingValidators.forEach(v -> requireText(v, "signingValidators[]"));
    if (signingValidators.isEmpty() || validatorCount < signingValidators.size()) {
      throw new IllegalArgumentException(
          "signingValidators must be non-empty and no more than validatorCount ("
              + validatorCount
              + "), got "
              + signingValidators.size());
    }
    CertificateQr.requireDigest(certificateDigest);
  }

  private static void requireText(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static void requireOptionalText(String value, String field) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(field + " must be null or non-blank, got a blank string");
    }
  }
}
