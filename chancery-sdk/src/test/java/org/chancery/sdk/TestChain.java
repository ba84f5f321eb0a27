package org.chancery.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CanonicalVote;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Event;
import org.chancery.core.block.Receipt;
import org.chancery.core.genesis.ConsensusParameters;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.genesis.GovernancePolicy;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.core.genesis.TransactionParameters;
import org.chancery.core.genesis.ValidatorEntry;
import org.chancery.core.merkle.MerkleTree;
import org.chancery.core.proof.TransactionProof;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateAuthority;
import org.chancery.crypto.pki.CertificateRequest;
import org.chancery.crypto.pki.MemberRole;

/**
 * A chain built in memory for tests, with the PKI API and core types only: one organisation's CAs,
 * members, a genesis with {@code n} validators, and blocks with valid commit certificates.
 */
final class TestChain {
  static final String CHAIN_ID = "test-chain";
  static final String ORG = "org1";

  final CryptoSuite suite;
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  final CertificateAuthority identityCa;
  final CertificateAuthority tlsCa;
  final List<EcPrivateKey> validatorKeys = new ArrayList<>();
  final Genesis genesis;
  final byte[] genesisJson;

  TestChain(String suiteName, int validators) {
    suite = CryptoSuite.byName(suiteName);
    Instant from = now.minus(Duration.ofHours(1));
    Instant to = now.plus(Duration.ofDays(365));
    identityCa = CertificateAuthority.createIdentityCa(suite, ORG, from, to);
    tlsCa = CertificateAuthority.createTlsCa(ORG, from, to);
    List<ValidatorEntry> entries = new ArrayList<>();
    for (int i = 1; i <= validators; i++) {
      EcKeyPair keys = suite.generateKeyPair();
      X509Certificate cert = issue("node" + i, MemberRole.NODE, keys);
      validatorKeys.add(keys.privateKey());
      entries.add(
          new ValidatorEntry(
              "node" + i,
              ORG,
              keys.publicKey().toHex(),
              PemCodec.encodeCertificate(cert),
              "127.0.0.1:" + (7100 + i),
              1));
    }
    genesis =
        new Genesis(
            CHAIN_ID,
            suite.name(),
            now,
            List.of(
                new OrganisationEntry(
                    ORG,
                    "Organisation 1",
                    PemCodec.encodeCertificate(identityCa.certificate()),
                    PemCodec.encodeCertificate(tlsCa.certificate()))),
            entries,
            ConsensusParameters.defaults(validators == 1 ? ConsensusType.SOLO : ConsensusType.BFT),
            TransactionParameters.defaults(),
            GovernancePolicy.majority());
    genesisJson = GenesisCodec.encode(genesis);
  }

  /** A solo chain on the {@code sm} suite. */
  static TestChain solo() {
    return new TestChain("sm", 1);
  }

  X509Certificate issue(String name, MemberRole role, EcKeyPair keys) {
    return identityCa.issueIdentity(
        new CertificateRequest(
            name,
            role,
            keys.publicKey(),
            List.of(),
            List.of(),
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(30))));
  }

  /** A client member of org1. */
  Identity member(String name) {
    EcKeyPair keys = suite.generateKeyPair();
    return Identity.of(issue(name, MemberRole.CLIENT, keys), keys.privateKey());
  }

  /** Writes {@code cert.pem} and {@code key.pem} as {@code network init} does. */
  static Path writeIdentity(Path dir, Identity identity, char[] passphrase) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("cert.pem"),
        PemCodec.encodeCertificate(identity.certificate()),
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("key.pem"),
        passphrase == null
            ? PemCodec.encodePrivateKey(identity.privateKey())
            : PemCodec.encodePrivateKey(identity.privateKey(), passphrase),
        StandardCharsets.UTF_8);
    return dir;
  }

  Path writeGenesis(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve("genesis.json"), genesisJson);
  }

  TransactionBuilder builder(Identity identity) {
    return new TransactionBuilder(CHAIN_ID, suite, identity);
  }

  /** A block with its transactions, receipts and a certificate signed by the chosen validators. */
  record TestBlock(
      byte[] headerBytes,
      BlockHeader header,
      CommitCertificate certificate,
      List<byte[]> txs,
      List<byte[]> receipts) {}

  /** A block at {@code height} certified by every validator. */
  TestBlock block(long height, List<Transaction> txs) {
    return block(height, txs, validatorKeys.size());
  }

  /** A block at {@code height} certified by the first {@code signers} validators. */
  TestBlock block(long height, List<Transaction> txs, int signers) {
    List<byte[]> txLeaves = txs.stream().map(Transaction::encoded).toList();
    List<byte[]> receiptLeaves = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      Receipt r =
          i % 2 == 0
              ? Receipt.success(
                  txs.get(i).txId(),
                  List.of(new Event("put", "{\"n\":" + i + "}")),
                  "{\"version\":1}")
              : Receipt.failed(txs.get(i).txId(), "unauthorised", "not yours");
      receiptLeaves.add(r.encode());
    }
    BlockHeader header =
        new BlockHeader(
            CHAIN_ID,
            height,
            Bytes.of(new byte[32]),
            now.plusMillis(1234),
            Bytes.of(MerkleTree.root(suite, txLeaves)),
            Bytes.of(MerkleTree.root(suite, receiptLeaves)),
            Bytes.of(suite.hash(new byte[] {7})),
            genesis.validatorSet().hash(suite),
            "node1",
            txs.size());
    byte[] headerBytes = header.encode();
    Bytes blockHash = Bytes.of(suite.hash(headerBytes));
    byte[] vote = CanonicalVote.precommit(CHAIN_ID, height, 0, blockHash);
    List<CommitCertificate.CommitSignature> sigs = new ArrayList<>();
    for (int i = 0; i < signers; i++) {
      sigs.add(
          new CommitCertificate.CommitSignature(
              "node" + (i + 1), Bytes.of(suite.sign(validatorKeys.get(i), vote))));
    }
    return new TestBlock(
        headerBytes,
        header,
        new CommitCertificate(height, 0, blockHash, sigs),
        txLeaves,
        receiptLeaves);
  }

  /** The inclusion proof of the transaction at {@code index} of {@code block}. */
  TransactionProof proof(TestBlock block, int index) {
    return new TransactionProof(
        Bytes.of(block.headerBytes()),
        Bytes.of(block.certificate().encode()),
        Bytes.of(block.txs().get(index)),
        Bytes.of(block.receipts().get(index)),
        MerkleTree.of(suite, block.txs()).proof(index),
        MerkleTree.of(suite, block.receipts()).proof(index));
  }
}
