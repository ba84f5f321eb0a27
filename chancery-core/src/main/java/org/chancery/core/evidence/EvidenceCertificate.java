package org.chancery.core.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.chancery.core.Bytes;
import org.chancery.core.merkle.MerkleProof;
import org.chancery.core.proof.TransactionProof;
import org.chancery.core.proto.LedgerProto;

/**
 * A self-contained evidence certificate: everything a judge or notary needs to check, with the
 * chain's genesis and nothing else, that a file's digest was deposited by a named member at a given
 * time and that a quorum of the consortium's validators certified it. Its JSON form ({@link
 * EvidenceCertificateJson}) is documented in {@code docs/schemas/evidence-certificate.schema.json}.
 *
 * <p>The certificate is only a claim until verified: every field, including the readable ones that
 * repeat what the signed bytes say, is checked by {@code EvidenceVerifier} in the SDK.
 *
 * @param chainId the chain the deposit was made on
 * @param suite the chain's crypto suite name
 * @param genesisHash the hash of the chain's genesis file
 * @param deposit the deposit record, as the chain stores it
 * @param transaction the transaction that made the deposit
 * @param block the block that committed it
 * @param receipt the encoded receipt of the transaction
 * @param txProof the transaction's path to the header's tx root
 * @param receiptProof the receipt's path to the header's receipt root
 * @param commitCertificate the encoded commit certificate of the block
 * @param validators the validators' certificates, as the genesis lists them
 */
public record EvidenceCertificate(
    String chainId,
    String suite,
    Bytes genesisHash,
    DepositRecord deposit,
    TransactionPart transaction,
    BlockPart block,
    Bytes receipt,
    MerkleProof txProof,
    MerkleProof receiptProof,
    Bytes commitCertificate,
    List<ValidatorCertificate> validators) {

  /** The schema identifier of this version of the certificate. */
  public static final String SCHEMA = "urn:chancery:evidence-certificate:v1";

  public EvidenceCertificate {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(genesisHash, "genesisHash");
    Objects.requireNonNull(deposit, "deposit");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(txProof, "txProof");
    Objects.requireNonNull(receiptProof, "receiptProof");
    Objects.requireNonNull(commitCertificate, "commitCertificate");
    validators = List.copyOf(validators);
  }

  /**
   * The transaction that made the deposit.
   *
   * @param txId the claimed transaction id (the suite's hash of {@code body})
   * @param body the exact encoded TxBody that was signed
   * @param signature the creator's signature over {@code body}
   * @param creatorCertificate PEM of the creator's identity certificate (also inside {@code body})
   * @param creatorChain PEM certificates from the creator's issuer up to its organisation's
   *     identity CA, as the genesis lists it
   */
  public record TransactionPart(
      Bytes txId,
      Bytes body,
      Bytes signature,
      String creatorCertificate,
      List<String> creatorChain) {
    public TransactionPart {
      Objects.requireNonNull(txId, "txId");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(creatorCertificate, "creatorCertificate");
      creatorChain = List.copyOf(creatorChain);
    }

    /** The encoded Transaction, the leaf of the block's tx tree. */
    public Bytes encoded() {
      return Bytes.of(
          LedgerProto.Transaction.newBuilder()
              .setBody(com.google.protobuf.ByteString.copyFrom(body.toArray()))
              .setSignature(com.google.protobuf.ByteString.copyFrom(signature.toArray()))
              .build()
              .toByteArray());
    }
  }

  /**
   * The block that committed the deposit.
   *
   * @param height the claimed height
   * @param hash the claimed block hash (the suite's hash of {@code header})
   * @param time the claimed block time
   * @param header the exact encoded BlockHeader
   */
  public record BlockPart(long height, Bytes hash, Instant time, Bytes header) {
    public BlockPart {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(header, "header");
    }
  }

  /**
   * A validator's identity certificate.
   *
   * @param name the validator's name
   * @param organisation its organisation id
   * @param certificate PEM of its identity certificate
   */
  public record ValidatorCertificate(String name, String organisation, String certificate) {
    public ValidatorCertificate {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(organisation, "organisation");
      Objects.requireNonNull(certificate, "certificate");
    }
  }

  /** The transaction proof this certificate carries, for {@code TransactionProofVerifier}. */
  public TransactionProof transactionProof() {
    return new TransactionProof(
        block.header(), commitCertificate, transaction.encoded(), receipt, txProof, receiptProof);
  }
}
