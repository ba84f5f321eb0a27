package org.chancery.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.proof.CertifiedStateProof;
import org.chancery.core.proof.CertifiedStateProofVerifier;
import org.chancery.core.proof.InvalidProofException;
import org.chancery.core.proof.ProofJson;
import org.chancery.core.proof.TransactionProof;
import org.chancery.core.proof.TransactionProofVerifier;
import org.chancery.core.proof.VerifiedTransaction;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.JcaBridge;

/**
 * Verifies proofs with the chain's genesis alone, with no call to a node: the way a court, an
 * auditor or another agency checks a record it was handed. A transaction proof (what {@code GET
 * /v1/transactions/{txId}?proof=true} returns under {@code "proof"}) verifies when
 *
 * <ol>
 *   <li>its block header is for this chain and names the genesis validator set;
 *   <li>the block's commit certificate carries valid precommit signatures of more than two thirds
 *       of those validators;
 *   <li>the transaction and its receipt are in the header's tx root and receipt root at the same
 *       position, and the receipt is the transaction's;
 *   <li>the transaction's signature verifies with the key of the certificate it carries.
 * </ol>
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * OfflineVerifier verifier = OfflineVerifier.fromGenesisFile(Path.of("/tmp/net/genesis.json"));
 * ProvenTransaction p = verifier.verifyTransaction(Files.readString(Path.of("proof.json")));
 * System.out.println(p.txId() + " committed in block " + p.height() + " at " + p.blockTime());
 * }</pre>
 */
public final class OfflineVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Genesis genesis;
  private final CryptoSuite suite;
  private final TransactionProofVerifier transactions;

  /** A verifier for the chain that {@code genesis} starts. */
  public OfflineVerifier(Genesis genesis) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.suite = CryptoSuite.byName(genesis.suite());
    this.transactions = TransactionProofVerifier.forGenesis(genesis);
  }

  /**
   * Reads a {@code genesis.json}, as {@code chancery network init} wrote it.
   *
   * @throws IOException if the file cannot be read
   * @throws org.chancery.core.config.ConfigException if it is not a valid genesis, naming the line
   *     and field
   */
  public static OfflineVerifier fromGenesisFile(Path genesisJson) throws IOException {
    byte[] bytes = Files.readAllBytes(genesisJson);
    return new OfflineVerifier(GenesisCodec.decode(genesisJson.toString(), bytes));
  }

  /** The genesis this verifier trusts. */
  public Genesis genesis() {
    return genesis;
  }

  /**
   * Verifies a transaction proof given as JSON text.
   *
   * @throws InvalidProofException if it is not JSON, not a proof, or does not verify, naming the
   *     first check that failed
   */
  public ProvenTransaction verifyTransaction(String proofJson) {
    Objects.requireNonNull(proofJson, "proofJson");
    JsonNode node;
    try {
      node = JSON.readTree(proofJson);
    } catch (JsonProcessingException e) {
      throw new InvalidProofException("proof is not JSON: " + e.getOriginalMessage(), e);
    }
    return verifyTransaction(node);
  }

  /**
   * Verifies a transaction proof in its JSON form.
   *
   * @throws InvalidProofException if it is not a proof or does not verify
   */
  public ProvenTransaction verifyTransaction(JsonNode proofJson) {
    if (proofJson == null || !proofJson.isObject()) {
      throw new InvalidProofException("a transaction proof is a JSON object");
    }
    return verifyTransaction(ProofJson.transactionProof(proofJson));
  }

  /**
   * Verifies that a proof proves the transaction {@code expectedTxId}, not merely some transaction.
   *
   * @throws InvalidProofException if it does not verify or proves another transaction
   */
  public ProvenTransaction verifyTransaction(JsonNode proofJson, Bytes expectedTxId) {
    ProvenTransaction proven = verifyTransaction(proofJson);
    if (!proven.txId().equals(expectedTxId)) {
      throw new InvalidProofException(
          "proof is for transaction " + proven.txId().hex() + ", not " + expectedTxId.hex());
    }
    return proven;
  }

  /**
   * Verifies a transaction proof.
   *
   * @throws InvalidProofException naming the first check that failed
   */
  public ProvenTransaction verifyTransaction(TransactionProof proof) {
    Objects.requireNonNull(proof, "proof");
    VerifiedTransaction v = transactions.verify(proof);
    Transaction tx = v.transaction();
    X509Certificate creator = creatorCertificate(tx);
    EcPublicKey creatorKey;
    try {
      creatorKey = EcPublicKey.fromJca(creator.getPublicKey());
    } catch (CryptoException e) {
      throw new InvalidProofException("creator certificate has an unusable key", e);
    }
    if (creatorKey.curve() != suite.curve() || !tx.signatureValid(suite, creatorKey)) {
      throw new InvalidProofException(
          "transaction signature does not verify with its creator certificate's key");
    }
    String creatorName;
    try {
      creatorName = MemberSubject.of(creator).name();
    } catch (IllegalArgumentException e) {
      creatorName = creator.getSubjectX500Principal().getName();
    }
    // The core verifier decoded and checked the certificate; decoding again is cheap and keeps
    // the signer names out of its result type.
    CommitCertificate certificate = CommitCertificate.decode(proof.certificate().toArray());
    return new ProvenTransaction(
        v.header().chainId(),
        tx.txId(),
        v.header().height(),
        Bytes.of(suite.hash(proof.header().toArray())),
        v.header().timestamp(),
        v.index(),
        v.receipt().status(),
        creatorName,
        certificate.signatures().stream()
            .map(CommitCertificate.CommitSignature::validator)
            .toList(),
        tx,
        v.receipt(),
        v.header());
  }

  /**
   * Verifies a state read with its proof: the header is certified by the genesis validators, the
   * proof is about the contract and key that were asked for, and it shows the value the node
   * reported (or the key's absence).
   *
   * @throws InvalidProofException naming the first check that failed
   */
  public ProvenState verifyState(StateProofResponse response) {
    Objects.requireNonNull(response, "response");
    CertifiedStateProof proof = ProofJson.stateProof(response.proof());
    if (!proof.proof().contract().equals(response.contract())
        || !proof.proof().key().equals(response.key())) {
      throw new InvalidProofException(
          "proof is about "
              + proof.proof().contract()
              + "/"
              + proof.proof().key()
              + ", not "
              + response.contract()
              + "/"
              + response.key());
    }
    BlockHeader header =
        CertifiedStateProofVerifier.forGenesis(genesis)
            .verify(
                proof, response.contract(), response.key(), response.value().map(Bytes::toArray));
    if (header.height() != response.height()) {
      throw new InvalidProofException(
          "node reported height " + response.height() + " but the proof is for " + header.height());
    }
    return new ProvenState(
        response.contract(),
        response.key(),
        header.height(),
        header.timestamp(),
        header.stateRoot(),
        response.value());
  }

  private static X509Certificate creatorCertificate(Transaction tx) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", JcaBridge.provider())
              .generateCertificate(
                  new ByteArrayInputStream(tx.body().creatorCertificate().toArray()));
    } catch (CertificateException | RuntimeException e) {
      throw new InvalidProofException(
          "transaction carries no readable creator certificate: " + e.getMessage(), e);
    }
  }
}
