package org.chancery.sdk.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CanonicalVote;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Event;
import org.chancery.core.block.Receipt;
import org.chancery.core.evidence.DepositIds;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.DepositRequest;
import org.chancery.core.evidence.Depositor;
import org.chancery.core.evidence.EvidenceCertificate;
import org.chancery.core.evidence.EvidenceCertificateAssembler;
import org.chancery.core.evidence.EvidenceCertificateJson;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.genesis.GovernancePolicy;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.core.genesis.TransactionParameters;
import org.chancery.core.genesis.ValidatorEntry;
import org.chancery.core.merkle.MerkleTree;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateAuthority;
import org.chancery.crypto.pki.CertificateRequest;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.sdk.Identity;
import org.chancery.sdk.TransactionBuilder;

/**
 * A real evidence certificate made without a node: four organisations with identity and TLS CAs, a
 * genesis with one validator each (keys and node certificates as {@code network init} makes them),
 * a deposit signed by {@code client@org1}, a block of five transactions whose header holds the RFC
 * 6962 roots of their leaves and receipts, and a commit certificate with precommits of the first
 * {@code signers} validators. The certificate is built by the node's own {@link
 * EvidenceCertificateAssembler}.
 *
 * <pre>{@code
 * EvidenceFixture f = EvidenceFixture.builder().signers(2).build();
 * VerificationReport r = new EvidenceVerifier().verify(f.genesisJson, f.certificate, Optional.empty());
 * }</pre>
 */
public final class EvidenceFixture {
  public static final String CHAIN_ID = "evidence-test";
  public static final Instant GENESIS_TIME = Instant.parse("2026-12-04T08:00:00Z");
  public static final Instant BLOCK_TIME = Instant.parse("2026-12-04T20:37:03.120Z");
  public static final long HEIGHT = 7;
  public static final int BLOCK_TXS = 5;
  public static final int TX_INDEX = 2;
  public static final int ORGS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  public final CryptoSuite suite;
  public final Genesis genesis;
  public final byte[] genesisJson;
  public final Identity client;
  public final byte[] file;
  public final DepositRequest request;
  public final Transaction transaction;
  public final DepositRecord record;
  public final EvidenceCertificate certificate;

  private EvidenceFixture(Builder b) {
    suite = CryptoSuite.byName(b.suite);
    Instant from = GENESIS_TIME.minus(Duration.ofHours(1));
    Instant caTo = GENESIS_TIME.plus(CertificateAuthority.DEFAULT_CA_VALIDITY);
    Instant leafTo = GENESIS_TIME.plus(CertificateAuthority.DEFAULT_MEMBER_VALIDITY);
    List<CertificateAuthority> identityCas = new ArrayList<>();
    List<OrganisationEntry> orgs = new ArrayList<>();
    List<ValidatorEntry> validators = new ArrayList<>();
    List<EcPrivateKey> validatorKeys = new ArrayList<>();
    for (int i = 1; i <= ORGS; i++) {
      String org = "org" + i;
      CertificateAuthority identityCa =
          CertificateAuthority.createIdentityCa(suite, org, from, caTo);
      CertificateAuthority tlsCa = CertificateAuthority.createTlsCa(org, from, caTo);
      identityCas.add(identityCa);
      orgs.add(
          new OrganisationEntry(
              org,
              "Organisation " + i,
              PemCodec.encodeCertificate(identityCa.certificate()),
              PemCodec.encodeCertificate(tlsCa.certificate())));
      EcKeyPair keys = suite.generateKeyPair();
      X509Certificate cert =
          identityCa.issueIdentity(
              new CertificateRequest(
                  "node" + i,
                  MemberRole.NODE,
                  keys.publicKey(),
                  List.of(),
                  List.of(),
                  from,
                  leafTo));
      validatorKeys.add(keys.privateKey());
      validators.add(
          new ValidatorEntry(
              "node" + i,
              org,
              keys.publicKey().toHex(),
              PemCodec.encodeCertificate(cert),
              "127.0.0.1:" + (7300 + i),
              1));
    }
    genesis =
        new Genesis(
            b.chainId,
            suite.name(),
            GENESIS_TIME,
            orgs,
            validators,
            ConsensusParameters.defaults(ConsensusType.BFT),
            TransactionParameters.defaults(),
            GovernancePolicy.majority());
    genesisJson = GenesisCodec.encode(genesis);

    EcKeyPair clientKeys = suite.generateKeyPair();
    Instant clientTo = b.creatorExpired ? BLOCK_TIME.minus(Duration.ofHours(1)) : leafTo;
    client =
        Identity.of(
            identityCas
                .get(0)
                .issueIdentity(
                    new CertificateRequest(
                        "client@org1",
                        MemberRole.CLIENT,
                        clientKeys.publicKey(),
                        List.of(),
                        List.of(),
                        from,
                        clientTo)),
            clientKeys.privateKey());
    TransactionBuilder builder =
        new TransactionBuilder(
            b.chainId,
            suite,
            client,
            Clock.fixed(BLOCK_TIME.minusMillis(1500), ZoneOffset.UTC),
            new SecureRandom());

    file = b.file;
    request =
        new DepositRequest(
            Bytes.of(suite.hash(file)),
            file.length,
            "application/pdf",
            "lease-2026-017.pdf",
            "signed lease, flat 3B",
            metadata(),
            Bytes.of(suite.hash("an earlier deposit".getBytes(StandardCharsets.UTF_8))));
    int depositIndex = b.batch ? 1 : 0;
    if (b.batch) {
      ObjectNode args = JSON.createObjectNode();
      ArrayNode deposits = args.putArray("deposits");
      deposits.add(
          new DepositRequest(
                  Bytes.of(suite.hash(new byte[] {1})), 1, "text/plain", null, "", null, null)
              .toJson());
      deposits.add(request.toJson());
      transaction = builder.build("evidence", "depositBatch", args);
    } else {
      transaction = builder.build("evidence", "deposit", request.toJson());
    }
    Bytes depositId = DepositIds.of(suite, transaction.txId(), depositIndex);

    List<Transaction> txs = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < BLOCK_TXS; i++) {
      if (i == TX_INDEX) {
        txs.add(transaction);
        String result =
            b.batch
                ? "{\"depositIds\":[\""
                    + DepositIds.of(suite, transaction.txId(), 0).hex()
                    + "\",\""
                    + depositId.hex()
                    + "\"]}"
                : "{\"depositId\":\"" + depositId.hex() + "\"}";
        receipts.add(
            b.failedReceipt
                ? Receipt.failed(transaction.txId(), "limit-exceeded", "metadata is too large")
                : Receipt.success(
                    transaction.txId(),
                    List.of(new Event("deposited", "{\"depositId\":\"" + depositId.hex() + "\"}")),
                    result));
      } else {
        Transaction other =
            builder.build("kv", "put", "{\"key\":\"k" + i + "\",\"value\":" + i + "}");
        txs.add(other);
        receipts.add(Receipt.success(other.txId(), List.of(), "{\"version\":1}"));
      }
    }
    BlockHeader header =
        new BlockHeader(
            b.chainId,
            HEIGHT,
            Bytes.of(suite.hash("block 6".getBytes(StandardCharsets.UTF_8))),
            BLOCK_TIME,
            Bytes.of(MerkleTree.root(suite, txs.stream().map(Transaction::encoded).toList())),
            Bytes.of(MerkleTree.root(suite, receipts.stream().map(Receipt::encode).toList())),
            Bytes.of(suite.hash("state after block 7".getBytes(StandardCharsets.UTF_8))),
            genesis.validatorSet().hash(suite),
            "node2",
            txs.size());
    Block block = Block.of(header, txs, suite);
    byte[] vote = CanonicalVote.precommit(b.chainId, HEIGHT, 0, block.hash());
    List<CommitCertificate.CommitSignature> signatures = new ArrayList<>();
    for (int i = 0; i < b.signers; i++) {
      signatures.add(
          new CommitCertificate.CommitSignature(
              "node" + (i + 1), Bytes.of(suite.sign(validatorKeys.get(i), vote))));
    }
    CommitCertificate commit = new CommitCertificate(HEIGHT, 0, block.hash(), signatures);
    record =
        new DepositRecord(
            depositId,
            request,
            new Depositor("org1", "client@org1", "client"),
            transaction.txId(),
            depositIndex,
            HEIGHT,
            BLOCK_TIME);
    certificate =
        new EvidenceCertificateAssembler(
                genesis, Bytes.fromHex(GenesisCodec.hash(suite.name(), genesisJson)))
            .assemble(record, block, receipts, commit);
  }

  private static ObjectNode metadata() {
    ObjectNode m = JSON.createObjectNode();
    m.put("case", "2026-017");
    m.put("pages", 12);
    m.putArray("parties").add("org1").add("org2");
    return m;
  }

  /** A fixture with the defaults: suite sm, 3 of 4 signatures, a successful single deposit. */
  public static EvidenceFixture create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The certificate as {@code EvidenceCertificateJson} writes it. */
  public byte[] certificateJson() {
    return EvidenceCertificateJson.encode(certificate);
  }

  public Path writeGenesis(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve("genesis.json"), genesisJson);
  }

  public Path writeCertificate(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve("evidence-certificate.json"), certificateJson());
  }

  public Path writeFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve("lease-2026-017.pdf"), file);
  }

  /** A lease-like document of a few kilobytes. */
  public static byte[] defaultFile() {
    StringBuilder sb = new StringBuilder("%PDF-1.7\n% lease of flat 3B\n");
    for (int i = 0; sb.length() < 3000; i++) {
      sb.append("clause ").append(i).append(": the tenant shall keep the flat in good order.\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Chooses what the fixture's chain and deposit look like. */
  public static final class Builder {
    private String suite = "sm";
    private String chainId = CHAIN_ID;
    private int signers = 3;
    private boolean failedReceipt;
    private boolean creatorExpired;
    private boolean batch;
    private byte[] file = defaultFile();

    private Builder() {}

    public Builder suite(String suite) {
      this.suite = suite;
      return this;
    }

    public Builder chainId(String chainId) {
      this.chainId = chainId;
      return this;
    }

    /** How many of the four validators sign the commit certificate (3 is a quorum). */
    public Builder signers(int signers) {
      this.signers = signers;
      return this;
    }

    /** The deposit's receipt says FAILED. */
    public Builder failedReceipt() {
      this.failedReceipt = true;
      return this;
    }

    /** The depositor's certificate expired an hour before the block. */
    public Builder creatorExpired() {
      this.creatorExpired = true;
      return this;
    }

    /** The deposit is the second of an {@code evidence.depositBatch}. */
    public Builder batch() {
      this.batch = true;
      return this;
    }

    public Builder file(byte[] file) {
      this.file = file.clone();
      return this;
    }

    public EvidenceFixture build() {
      return new EvidenceFixture(this);
    }
  }
}
