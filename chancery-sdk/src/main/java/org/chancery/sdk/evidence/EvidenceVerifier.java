package org.chancery.sdk.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.CommitCertificateVerifier;
import org.chancery.core.block.InvalidCertificateException;
import org.chancery.core.block.MalformedBlockException;
import org.chancery.core.block.Receipt;
import org.chancery.core.block.ValidatorSet;
import org.chancery.core.config.ConfigException;
import org.chancery.core.evidence.DepositBatch;
import org.chancery.core.evidence.DepositIds;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.DepositRequest;
import org.chancery.core.evidence.Depositor;
import org.chancery.core.evidence.EvidenceCertificate;
import org.chancery.core.evidence.EvidenceCertificateJson;
import org.chancery.core.evidence.EvidenceLimits;
import org.chancery.core.evidence.InvalidDepositException;
import org.chancery.core.evidence.MalformedEvidenceCertificateException;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.core.genesis.ValidatorEntry;
import org.chancery.core.merkle.MerkleProof;
import org.chancery.core.merkle.MerkleProofVerifier;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateValidator;
import org.chancery.crypto.pki.MemberIdentity;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.documents.evidence.CertificatePdf;
import org.chancery.documents.evidence.CertificatePdfException;
import org.chancery.sdk.MemberSubject;
import org.chancery.sdk.evidence.VerificationReport.Status;
import org.chancery.sdk.evidence.VerificationReport.StepResult;

/**
 * Verifies an evidence certificate with the chain's genesis file alone: no node, no database, no
 * network. It answers what a court asks of a deposit: was this file's digest deposited, by whom,
 * when, and did a quorum of the consortium's validators certify it.
 *
 * <p>Every {@link VerificationStep} runs in order and gives {@link Status#PASS}, {@link
 * Status#FAIL} or {@link Status#SKIPPED} with a one-line detail. A failure does not stop the run:
 * every later step whose inputs are still usable runs too, so a report shows all that is wrong;
 * {@link VerificationReport#firstFailure()} names the first. Nothing the certificate claims is
 * trusted: the genesis is the only trust anchor, and every readable field (block height and time,
 * the deposit record, the validator list) is compared with what the signed bytes say.
 *
 * <p>What an offline check cannot see: certificates revoked on chain after the genesis (the
 * verifier knows only the genesis) and validator-set changes (a certificate is checked against the
 * genesis validators).
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] genesis = Files.readAllBytes(Path.of("genesis.json"));
 * byte[] certificate = Files.readAllBytes(Path.of("evidence-certificate.json"));
 * VerificationReport report =
 *     new EvidenceVerifier().verify(genesis, certificate, Optional.of(Path.of("lease.pdf")));
 * for (VerificationReport.StepResult s : report.steps()) {
 *   System.out.println("[" + s.status() + "] " + s.name() + "  " + s.detail());
 * }
 * if (report.ok()) {
 *   VerificationReport.Summary d = report.summary().orElseThrow();
 *   System.out.println(d.subjectName() + " of " + d.organisation() + " at " + d.depositTime());
 * }
 * }</pre>
 */
public final class EvidenceVerifier {
  /** The contract whose deposits a certificate may prove. */
  public static final String CONTRACT = "evidence";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Verifies a certificate given as its JSON bytes, or as the PDF rendering of it (recognised by
   * its {@code %PDF-} header), whose attachment {@code evidence-certificate.json} is then what is
   * verified: the PDF's printed facts are for people, the attachment is the evidence. A certificate
   * that cannot be read fails step {@code certificate-format}; the other steps are then skipped.
   *
   * @param genesisFileBytes the exact bytes of the chain's {@code genesis.json}
   * @param certificate the certificate's JSON, or a certificate PDF
   * @param file the deposited file, to check its digest and size; empty to skip that step
   */
  public VerificationReport verify(
      byte[] genesisFileBytes, byte[] certificate, Optional<Path> file) {
    Objects.requireNonNull(certificate, "certificate");
    byte[] json = certificate;
    if (isPdf(certificate)) {
      try {
        json = CertificatePdf.extractCertificate(certificate);
      } catch (CertificatePdfException e) {
        return unreadable(
            "the PDF holds no readable certificate (" + e.code() + "): " + e.getMessage());
      }
    }
    EvidenceCertificate decoded;
    try {
      decoded = EvidenceCertificateJson.decode(json);
    } catch (MalformedEvidenceCertificateException e) {
      return unreadable("not an evidence certificate: " + e.getMessage());
    }
    return verify(genesisFileBytes, decoded, file);
  }

  /** True if {@code bytes} start like a PDF file. */
  public static boolean isPdf(byte[] bytes) {
    byte[] magic = "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return bytes.length >= magic.length
        && java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, magic.length), magic);
  }

  private static VerificationReport unreadable(String detail) {
    List<StepResult> steps = new ArrayList<>();
    steps.add(new StepResult(VerificationStep.CERTIFICATE_FORMAT, Status.FAIL, detail));
    for (VerificationStep s : VerificationStep.values()) {
      if (s != VerificationStep.CERTIFICATE_FORMAT) {
        steps.add(new StepResult(s, Status.SKIPPED, "the certificate cannot be read"));
      }
    }
    return new VerificationReport(steps, Optional.empty());
  }

  /**
   * Verifies a decoded certificate.
   *
   * @param genesisFileBytes the exact bytes of the chain's {@code genesis.json}
   * @param certificate the certificate
   * @param file the deposited file, to check its digest and size; empty to skip that step
   */
  public VerificationReport verify(
      byte[] genesisFileBytes, EvidenceCertificate certificate, Optional<Path> file) {
    Objects.requireNonNull(genesisFileBytes, "genesisFileBytes");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(file, "file");
    return new Run(genesisFileBytes, certificate, file).run();
  }

  /** A step that did not hold; its message is the step's detail. */
  private static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailed(String detail) {
      super(detail, null, false, false);
    }
  }

  /** A step whose inputs are unusable; its message says which. */
  private static final class StepSkipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepSkipped(String detail) {
      super(detail, null, false, false);
    }
  }

  private interface Check {
    String run();
  }

  /** One verification: the inputs decoded once, then every step. */
  private static final class Run {
    private final byte[] genesisBytes;
    private final EvidenceCertificate c;
    private final Optional<Path> file;
    private final List<StepResult> results = new ArrayList<>();

    private Genesis genesis;
    private String genesisError;
    private CryptoSuite suite;
    private BlockHeader header;
    private String headerError;
    private CommitCertificate commit;
    private Bytes txId;
    private TxBody body;
    private String bodyError;
    private X509Certificate creator;
    private String creatorError;
    private Receipt receipt;
    private String receiptError;

    Run(byte[] genesisBytes, EvidenceCertificate c, Optional<Path> file) {
      this.genesisBytes = genesisBytes;
      this.c = c;
      this.file = file;
    }

    VerificationReport run() {
      decodeInputs();
      results.add(
          new StepResult(
              VerificationStep.CERTIFICATE_FORMAT,
              Status.PASS,
              "the certificate is well-formed (" + EvidenceCertificate.SCHEMA + ")"));
      step(VerificationStep.GENESIS, this::genesisStep);
      step(VerificationStep.VALIDATOR_SET, this::validatorSetStep);
      step(VerificationStep.COMMIT_CERTIFICATE, this::commitStep);
      step(VerificationStep.TRANSACTION_INCLUSION, this::transactionInclusionStep);
      step(VerificationStep.RECEIPT_INCLUSION, this::receiptInclusionStep);
      step(VerificationStep.TRANSACTION_SIGNATURE, this::signatureStep);
      step(VerificationStep.CREATOR_CERTIFICATE, this::creatorStep);
      step(VerificationStep.RECEIPT, this::receiptStep);
      step(VerificationStep.DEPOSIT_RECORD, this::depositRecordStep);
      step(VerificationStep.FILE_DIGEST, this::fileStep);
      return new VerificationReport(results, Optional.of(summary()));
    }

    private void step(VerificationStep step, Check check) {
      StepResult result;
      try {
        result = new StepResult(step, Status.PASS, check.run());
      } catch (StepFailed e) {
        result = new StepResult(step, Status.FAIL, e.getMessage());
      } catch (StepSkipped e) {
        result = new StepResult(step, Status.SKIPPED, e.getMessage());
      } catch (RuntimeException e) {
        // Hostile input must give a failed step, never an exception out of the verifier.
        result = new StepResult(step, Status.FAIL, "cannot be checked: " + e);
      }
      results.add(result);
    }

    private void decodeInputs() {
      try {
        genesis = GenesisCodec.decode("genesis", genesisBytes);
      } catch (ConfigException e) {
        genesisError = e.getMessage();
      }
      suite = CryptoSuite.byName(genesis != null ? genesis.suite() : c.suite());
      try {
        header = BlockHeader.decode(c.block().header().toArray());
      } catch (MalformedBlockException e) {
        headerError = e.getMessage();
      }
      try {
        CommitCertificate decoded = CommitCertificate.decode(c.commitCertificate().toArray());
        // Only the canonical encoding: extra fields would change the certificate unseen.
        if (Arrays.equals(decoded.encode(), c.commitCertificate().toArray())) {
          commit = decoded;
        }
      } catch (MalformedBlockException e) {
        // Reported by the commit-certificate step.
      }
      byte[] bodyBytes = c.transaction().body().toArray();
      txId = Bytes.of(suite.hash(bodyBytes));
      try {
        body = TxBody.decode(bodyBytes);
      } catch (InvalidTransactionException e) {
        bodyError = e.getMessage();
      }
      if (body != null) {
        try {
          creator =
              (X509Certificate)
                  CertificateFactory.getInstance("X.509", JcaBridge.provider())
                      .generateCertificate(
                          new ByteArrayInputStream(body.creatorCertificate().toArray()));
        } catch (CertificateException | RuntimeException e) {
          creatorError = "the body's creator certificate is not DER X.509: " + e.getMessage();
        }
      }
      try {
        receipt = Receipt.decode(c.receipt().toArray());
      } catch (MalformedBlockException e) {
        receiptError = e.getMessage();
      }
    }

    // ---- steps ----

    private String genesisStep() {
      if (genesis == null) {
        throw new StepFailed("the genesis file is not a Chancery genesis: " + genesisError);
      }
      String hash = GenesisCodec.hash(genesis.suite(), genesisBytes);
      if (!hash.equals(c.genesisHash().hex())) {
        throw new StepFailed(
            "the certificate is for the chain with genesis hash "
                + c.genesisHash().hex()
                + ", but this genesis file hashes to "
                + hash
                + "; check it against that chain's genesis");
      }
      if (!c.chainId().equals(genesis.chainId())) {
        throw new StepFailed(
            "the certificate is for chain '"
                + c.chainId()
                + "', the genesis is of chain '"
                + genesis.chainId()
                + "'");
      }
      if (!c.suite().equals(genesis.suite())) {
        throw new StepFailed(
            "the certificate names suite '"
                + c.suite()
                + "', the genesis uses '"
                + genesis.suite()
                + "'");
      }
      return "the genesis hash matches "
          + hash
          + " (chain "
          + genesis.chainId()
          + ", suite "
          + genesis.suite()
          + ")";
    }

    private String validatorSetStep() {
      requireGenesis();
      List<ValidatorEntry> expected = genesis.validators();
      List<EvidenceCertificate.ValidatorCertificate> claimed = c.validators();
      if (claimed.size() != expected.size()) {
        throw new StepFailed(
            "the certificate lists "
                + claimed.size()
                + " validators, the genesis "
                + expected.size());
      }
      for (int i = 0; i < expected.size(); i++) {
        ValidatorEntry g = expected.get(i);
        EvidenceCertificate.ValidatorCertificate v = claimed.get(i);
        if (!v.name().equals(g.name()) || !v.organisation().equals(g.organisation())) {
          throw new StepFailed(
              "validator "
                  + (i + 1)
                  + " is '"
                  + v.name()
                  + "' of '"
                  + v.organisation()
                  + "', the genesis lists '"
                  + g.name()
                  + "' of '"
                  + g.organisation()
                  + "'");
        }
        checkValidatorCertificate(v, g);
      }
      String setHash = genesis.validatorSet().hash(suite).hex();
      if (header != null && !header.validatorSetHash().hex().equals(setHash)) {
        throw new StepFailed(
            "the block header names validator set "
                + abbreviate(header.validatorSetHash().hex())
                + ", the genesis validators hash to "
                + abbreviate(setHash));
      }
      return expected.size()
          + " validators ("
          + expected.stream().map(ValidatorEntry::name).collect(Collectors.joining(", "))
          + ") match the genesis, each certified by its organisation's identity CA"
          + (header == null ? "" : "; the block names their set");
    }

    private void checkValidatorCertificate(
        EvidenceCertificate.ValidatorCertificate v, ValidatorEntry g) {
      X509Certificate cert;
      try {
        cert = PemCodec.decodeCertificate(v.certificate());
      } catch (CryptoException e) {
        throw new StepFailed(
            "the certificate of validator " + v.name() + " is not a PEM certificate: " + e);
      }
      OrganisationEntry org = organisation(g.organisation());
      MemberIdentity id;
      try {
        id =
            new CertificateValidator(
                    List.of(PemCodec.decodeCertificate(org.identityCa())), RevocationSet.empty())
                .validate(cert, genesis.genesisTime(), Set.of(MemberRole.NODE));
      } catch (CryptoException e) {
        throw new StepFailed(
            "the certificate of validator "
                + v.name()
                + " is not a node certificate of "
                + org.id()
                + "'s identity CA: "
                + e.getMessage());
      }
      if (!id.commonName().equals(g.name()) || !id.organisation().equals(g.organisation())) {
        throw new StepFailed(
            "the certificate of validator "
                + v.name()
                + " names "
                + id.commonName()
                + " of "
                + id.organisation());
      }
      if (!id.publicKey().toHex().equals(g.publicKey())) {
        throw new StepFailed(
            "the certificate of validator " + v.name() + " holds another key than the genesis's");
      }
      if (!Arrays.equals(pemBytes(v.certificate()), pemBytes(g.identityCertificate()))) {
        throw new StepFailed(
            "the certificate of validator " + v.name() + " is not the one the genesis lists");
      }
    }

    private String commitStep() {
      requireGenesis();
      if (header == null) {
        throw new StepFailed("the block header does not decode: " + headerError);
      }
      if (!header.chainId().equals(genesis.chainId())) {
        throw new StepFailed(
            "the block header is for chain '"
                + header.chainId()
                + "', not '"
                + genesis.chainId()
                + "'");
      }
      Bytes hash = Bytes.of(suite.hash(c.block().header().toArray()));
      if (!hash.equals(c.block().hash())) {
        throw new StepFailed(
            "block.hash is "
                + abbreviate(c.block().hash().hex())
                + " but the header hashes to "
                + abbreviate(hash.hex()));
      }
      if (c.block().height() != header.height()) {
        throw new StepFailed(
            "block.height is " + c.block().height() + ", the header's " + header.height());
      }
      if (!c.block().time().equals(header.timestamp())) {
        throw new StepFailed(
            "block.time is " + c.block().time() + ", the header's " + header.timestamp());
      }
      if (commit == null) {
        throw new StepFailed("the commit certificate is not a canonically encoded certificate");
      }
      ValidatorSet set = genesis.validatorSet();
      try {
        new CommitCertificateVerifier(suite, genesis.chainId())
            .verify(commit, header.height(), hash, set);
      } catch (InvalidCertificateException e) {
        throw new StepFailed("block " + header.height() + " is not final: " + e.getMessage());
      }
      return "block "
          + header.height()
          + " ("
          + abbreviate(hash.hex())
          + ") is signed by "
          + commit.signatures().size()
          + " of "
          + set.validators().size()
          + " validators ("
          + String.join(", ", signers())
          + "); a quorum is "
          + set.quorumPower();
    }

    private String transactionInclusionStep() {
      requireHeader();
      MerkleProof p = c.txProof();
      if (p.treeSize() != header.txCount()) {
        throw new StepFailed(
            "the proof is for a block of "
                + p.treeSize()
                + " transactions, the header has "
                + header.txCount());
      }
      if (!MerkleProofVerifier.verifyInclusion(
          suite, header.txRoot().toArray(), c.transaction().encoded().toArray(), p)) {
        throw new StepFailed(
            "the transaction is not leaf "
                + p.index()
                + " of "
                + p.treeSize()
                + " under the block's tx root");
      }
      return "the transaction is leaf "
          + p.index()
          + " of "
          + p.treeSize()
          + " under the block's tx root";
    }

    private String receiptInclusionStep() {
      requireHeader();
      MerkleProof p = c.receiptProof();
      if (p.index() != c.txProof().index()) {
        throw new StepFailed(
            "the receipt is at position "
                + p.index()
                + ", the transaction at "
                + c.txProof().index());
      }
      if (p.treeSize() != header.txCount()) {
        throw new StepFailed(
            "the receipt proof is for a block of "
                + p.treeSize()
                + " receipts, the header has "
                + header.txCount());
      }
      if (!MerkleProofVerifier.verifyInclusion(
          suite, header.receiptRoot().toArray(), c.receipt().toArray(), p)) {
        throw new StepFailed(
            "the receipt is not leaf "
                + p.index()
                + " of "
                + p.treeSize()
                + " under the block's receipt root");
      }
      if (receipt == null) {
        throw new StepFailed("the receipt does not decode: " + receiptError);
      }
      if (!receipt.txId().equals(txId)) {
        throw new StepFailed(
            "the receipt is of transaction "
                + abbreviate(receipt.txId().hex())
                + ", not of "
                + abbreviate(txId.hex()));
      }
      return "the transaction's receipt is leaf "
          + p.index()
          + " of "
          + p.treeSize()
          + " under the block's receipt root";
    }

    private String signatureStep() {
      if (!c.transaction().txId().equals(txId)) {
        throw new StepFailed(
            "transaction.txId is "
                + abbreviate(c.transaction().txId().hex())
                + " but the body hashes to "
                + abbreviate(txId.hex()));
      }
      if (body == null) {
        throw new StepFailed("the transaction body does not decode: " + bodyError);
      }
      String chainId = genesis != null ? genesis.chainId() : c.chainId();
      if (!body.chainId().equals(chainId)) {
        throw new StepFailed(
            "the transaction is for chain '" + body.chainId() + "', not '" + chainId + "'");
      }
      X509Certificate claimed;
      try {
        claimed = PemCodec.decodeCertificate(c.transaction().creatorCertificate());
      } catch (CryptoException e) {
        throw new StepFailed("transaction.creatorCertificate is not a PEM certificate: " + e);
      }
      if (!Arrays.equals(
          pemBytes(c.transaction().creatorCertificate()), body.creatorCertificate().toArray())) {
        throw new StepFailed(
            "transaction.creatorCertificate is not the certificate the signed body carries");
      }
      if (creator == null) {
        throw new StepFailed(creatorError);
      }
      EcPublicKey key;
      try {
        key = EcPublicKey.fromJca(creator.getPublicKey());
      } catch (CryptoException e) {
        throw new StepFailed("the creator certificate's key is unusable: " + e.getMessage());
      }
      if (key.curve() != suite.curve()
          || !suite.verify(
              key, c.transaction().body().toArray(), c.transaction().signature().toArray())) {
        throw new StepFailed(
            "the signature does not verify over the body with the creator certificate's key");
      }
      return "txId "
          + abbreviate(txId.hex())
          + " is the hash of the body; the signature verifies with "
          + subjectName()
          + "'s key";
    }

    private String creatorStep() {
      requireGenesis();
      requireBody();
      requireHeader();
      if (creator == null) {
        throw new StepSkipped(creatorError);
      }
      OrganisationEntry org =
          genesis.organisations().stream()
              .filter(o -> o.id().equals(body.creatorOrg()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new StepFailed(
                          "the genesis has no organisation '" + body.creatorOrg() + "'"));
      X509Certificate ca = PemCodec.decodeCertificate(org.identityCa());
      List<String> chain = c.transaction().creatorChain();
      boolean chainIsCa;
      try {
        chainIsCa =
            chain.size() == 1 && Arrays.equals(pemBytes(chain.get(0)), pemBytes(org.identityCa()));
      } catch (CryptoException | IllegalArgumentException e) {
        chainIsCa = false;
      }
      if (!chainIsCa) {
        throw new StepFailed(
            "transaction.creatorChain is not "
                + org.id()
                + "'s identity CA certificate as the genesis lists it");
      }
      MemberIdentity id;
      try {
        id =
            new CertificateValidator(List.of(ca), RevocationSet.empty())
                .validate(creator, header.timestamp());
      } catch (CryptoException e) {
        throw new StepFailed(e.getMessage());
      }
      if (!id.organisation().equals(body.creatorOrg())) {
        throw new StepFailed(
            "the creator certificate is of organisation '"
                + id.organisation()
                + "', the transaction names '"
                + body.creatorOrg()
                + "'");
      }
      return id.commonName()
          + " ("
          + id.role().ou()
          + ") is certified by "
          + org.id()
          + "'s identity CA and was valid at the block time "
          + header.timestamp();
    }

    private String receiptStep() {
      requireBody();
      if (receipt == null) {
        throw new StepSkipped("the receipt does not decode: " + receiptError);
      }
      if (receipt.status() != Receipt.Status.SUCCESS) {
        throw new StepFailed(
            "the transaction failed: "
                + receipt.errorCode()
                + ": "
                + receipt.errorMessage()
                + "; it recorded no deposit");
      }
      String call = body.contract() + "." + body.method();
      if (!body.contract().equals(CONTRACT)
          || !(body.method().equals("deposit") || body.method().equals("depositBatch"))) {
        throw new StepFailed(
            "the transaction calls " + call + ", not evidence.deposit or evidence.depositBatch");
      }
      int index = c.deposit().index();
      if (body.method().equals("deposit") && index != 0) {
        throw new StepFailed("evidence.deposit records one deposit, at index 0, not " + index);
      }
      Bytes expected = DepositIds.of(suite, txId, Math.max(index, 0));
      if (!c.deposit().depositId().equals(expected)) {
        throw new StepFailed(
            "deposit.depositId is "
                + abbreviate(c.deposit().depositId().hex())
                + ", but deposit "
                + index
                + " of transaction "
                + abbreviate(txId.hex())
                + " has id "
                + abbreviate(expected.hex()));
      }
      JsonNode result;
      try {
        result = JSON.readTree(receipt.result());
      } catch (IOException e) {
        throw new StepFailed("the receipt's result is not JSON");
      }
      JsonNode held =
          body.method().equals("deposit")
              ? result == null ? null : result.get("depositId")
              : result == null ? null : result.path("depositIds").get(index);
      if (held == null || !held.isTextual() || !held.asText().equals(expected.hex())) {
        throw new StepFailed("the receipt's result does not hold deposit id " + expected.hex());
      }
      return call + " succeeded and its result holds deposit " + abbreviate(expected.hex());
    }

    private String depositRecordStep() {
      requireBody();
      requireHeader();
      if (creator == null) {
        throw new StepSkipped(creatorError);
      }
      EvidenceLimits limits =
          genesis != null ? genesis.evidence().limits() : EvidenceLimits.DEFAULTS;
      boolean batch = body.method().equals("depositBatch");
      int index = batch ? c.deposit().index() : 0;
      DepositRequest request;
      try {
        // Read exactly as the contract reads them, so the record is the one it wrote.
        JsonNode args = DepositRequest.readArguments(body.args());
        if (batch) {
          List<DepositRequest> all = DepositBatch.parse(args, suite, txId, limits);
          if (index < 0 || index >= all.size()) {
            throw new StepFailed("the signed batch holds no deposit at index " + index);
          }
          request = all.get(index);
        } else {
          request = DepositRequest.parse(args, suite.hashLength(), limits.maxMetadataBytes());
        }
      } catch (InvalidDepositException e) {
        throw new StepFailed("the signed deposit arguments are invalid: " + e.getMessage());
      }
      MemberSubject who;
      try {
        who = MemberSubject.of(creator);
      } catch (IllegalArgumentException e) {
        throw new StepFailed("the creator certificate names no member: " + e.getMessage());
      }
      DepositRecord derived =
          new DepositRecord(
              DepositIds.of(suite, txId, index),
              request,
              new Depositor(who.organisation(), who.name(), who.role().ou()),
              txId,
              index,
              header.height(),
              header.timestamp());
      List<String> differing = differences(derived.toJson(), c.deposit().toJson(), "");
      if (!differing.isEmpty()) {
        throw new StepFailed(
            "the deposit record differs from the signed transaction and the block in: "
                + String.join(", ", differing));
      }
      return "the deposit record matches the signed arguments, the signer "
          + who.name()
          + " and block "
          + header.height();
    }

    private String fileStep() {
      if (file.isEmpty()) {
        throw new StepSkipped("no file given");
      }
      FileDigest d;
      try {
        d = FileDigest.of(suite, file.get());
      } catch (NoSuchFileException e) {
        throw new StepFailed("no such file " + file.get());
      } catch (IOException e) {
        throw new StepFailed("cannot read " + file.get() + ": " + e.getMessage());
      }
      Bytes digest = c.deposit().request().digest();
      long size = c.deposit().request().size();
      if (!d.digest().equals(digest) || d.size() != size) {
        throw new StepFailed(
            "the file has "
                + d.size()
                + " bytes and "
                + suite.hashAlgorithm()
                + " digest "
                + d.digest().hex()
                + "; the deposit records "
                + size
                + " bytes and digest "
                + digest.hex());
      }
      return "the file's " + suite.hashAlgorithm() + " digest and size (" + size + " bytes) match";
    }

    // ---- helpers ----

    private void requireGenesis() {
      if (genesis == null) {
        throw new StepSkipped("no usable genesis");
      }
    }

    private void requireHeader() {
      if (header == null) {
        throw new StepSkipped("the block header does not decode");
      }
    }

    private void requireBody() {
      if (body == null) {
        throw new StepSkipped("the transaction body does not decode");
      }
    }

    private OrganisationEntry organisation(String id) {
      return genesis.organisations().stream()
          .filter(o -> o.id().equals(id))
          .findFirst()
          .orElseThrow(() -> new StepFailed("the genesis has no organisation '" + id + "'"));
    }

    private List<String> signers() {
      return commit == null
          ? List.of()
          : commit.signatures().stream().map(CommitCertificate.CommitSignature::validator).toList();
    }

    private String subjectName() {
      try {
        return MemberSubject.of(creator).name();
      } catch (IllegalArgumentException e) {
        return creator.getSubjectX500Principal().getName();
      }
    }

    private VerificationReport.Summary summary() {
      DepositRecord d = c.deposit();
      Optional<String> orgName =
          genesis == null
              ? Optional.empty()
              : genesis.organisations().stream()
                  .filter(o -> o.id().equals(d.depositor().organisation()))
                  .map(OrganisationEntry::name)
                  .findFirst();
      return new VerificationReport.Summary(
          d.depositId(),
          d.request().digest(),
          suite.hashAlgorithm(),
          d.request().size(),
          d.request().mediaType(),
          Optional.ofNullable(d.request().fileName()),
          d.request().label(),
          d.time(),
          d.depositor().organisation(),
          orgName,
          d.depositor().name(),
          d.depositor().role(),
          c.block().height(),
          c.block().hash(),
          c.transaction().txId(),
          signers(),
          genesis == null ? c.validators().size() : genesis.validators().size(),
          c.chainId(),
          c.genesisHash());
    }
  }

  /** The paths of the leaves where two JSON trees differ, such as {@code depositor.name}. */
  static List<String> differences(JsonNode expected, JsonNode actual, String at) {
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      List<String> out = new ArrayList<>();
      for (String name : names) {
        JsonNode e = expected.get(name);
        JsonNode a = actual.get(name);
        String path = at.isEmpty() ? name : at + "." + name;
        if (e == null || a == null) {
          out.add(path);
        } else if (!name.equals("metadata")) {
          out.addAll(differences(e, a, path));
        } else if (!e.equals(a)) {
          out.add(path);
        }
      }
      return out;
    }
    return expected.equals(actual) ? List.of() : List.of(at);
  }

  /**
   * The exact bytes a PEM certificate holds. Compared as they are, never parsed and re-encoded: a
   * parser accepts BER variants (a BOOLEAN true of 0x01 rather than 0xff) that re-encode to the
   * original DER, so comparing re-encodings would let a changed certificate pass as the same.
   *
   * @throws IllegalArgumentException if the text is not one PEM certificate block
   */
  static byte[] pemBytes(String pem) {
    String begin = "-----BEGIN CERTIFICATE-----";
    String end = "-----END CERTIFICATE-----";
    String text = pem.strip();
    if (!text.startsWith(begin)
        || !text.endsWith(end)
        || text.indexOf(begin, 1) >= 0
        || text.length() < begin.length() + end.length()) {
      throw new IllegalArgumentException("not one PEM certificate block");
    }
    return Base64.getMimeDecoder()
        .decode(text.substring(begin.length(), text.length() - end.length()));
  }

  private static String abbreviate(String hex) {
    return hex.length() <= 16 ? hex : hex.substring(0, 16) + "…";
  }
}
