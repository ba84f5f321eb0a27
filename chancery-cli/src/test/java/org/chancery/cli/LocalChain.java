package org.chancery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CanonicalVote;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Event;
import org.chancery.core.block.Receipt;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.merkle.MerkleTree;
import org.chancery.core.proof.ProofJson;
import org.chancery.core.proof.TransactionProof;
import org.chancery.core.tx.Transaction;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.sdk.Identity;
import org.chancery.sdk.TransactionBuilder;
import org.chancery.sdk.testing.StubNode;

/**
 * A one-organisation solo network written by {@code chancery network init}, and API documents for
 * {@link StubNode} built from it: a status, and committed transactions whose proofs are certified
 * by the network's validator and so verify against its genesis.
 */
public final class LocalChain {
  public static final ObjectMapper JSON = new ObjectMapper();

  public final Path dir;
  public final Path genesisFile;
  public final Path clientDir;
  public final Genesis genesis;
  public final CryptoSuite suite;
  public final Identity client;
  private final EcPrivateKey validatorKey;

  private LocalChain(Path dir) throws IOException {
    this.dir = dir;
    this.genesisFile = dir.resolve("genesis.json");
    this.clientDir = dir.resolve("orgs/org1/users/client");
    this.genesis = GenesisCodec.decode("genesis.json", Files.readAllBytes(genesisFile));
    this.suite = CryptoSuite.byName(genesis.suite());
    this.client = Identity.load(clientDir);
    this.validatorKey =
        PemCodec.decodePrivateKey(
            Files.readString(
                dir.resolve("orgs/org1/nodes/node1/identity/key.pem"), StandardCharsets.UTF_8),
            null);
  }

  /** Runs {@code chancery network init --orgs 1 --consensus solo} into {@code dir}. */
  public static LocalChain init(Path dir) throws IOException {
    StringWriter err = new StringWriter();
    int exit =
        ChanceryCli.run(
            new String[] {
              "network", "init", "--orgs", "1", "--consensus", "solo", "--out", dir.toString()
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    if (exit != 0) {
      throw new IllegalStateException("network init failed: " + err);
    }
    return new LocalChain(dir);
  }

  public ObjectNode status() {
    ObjectNode n = JSON.createObjectNode();
    n.put("chainId", genesis.chainId());
    n.put("suite", genesis.suite());
    n.put("genesisHash", "ab".repeat(32));
    n.put("node", "node1");
    n.put("organisation", "org1");
    n.put("validator", true);
    n.put("consensus", "solo");
    n.put("height", 4);
    n.put("latestBlockHash", "cd".repeat(32));
    n.put("latestBlockTime", Instant.now().toString());
    n.put("stateRoot", "ef".repeat(32));
    n.putObject("mempool").put("size", 0).put("bytes", 0).put("capacity", 10000);
    return n;
  }

  public Transaction transaction(String args) {
    return new TransactionBuilder(genesis.chainId(), suite, client).build("kv", "put", args);
  }

  /** A block at {@code height} holding {@code tx} alone, certified by node1. */
  public record CertifiedBlock(
      byte[] headerBytes, BlockHeader header, CommitCertificate certificate, Receipt receipt) {}

  public CertifiedBlock block(Transaction tx, long height, boolean success) {
    Receipt receipt =
        success
            ? Receipt.success(
                tx.txId(), List.of(new Event("put", "{\"key\":\"a\",\"version\":1}")), "{}")
            : Receipt.failed(tx.txId(), "unauthorised", "key 'a' belongs to organisation 'org2'");
    BlockHeader header =
        new BlockHeader(
            genesis.chainId(),
            height,
            Bytes.of(new byte[32]),
            genesis.genesisTime().plusSeconds(60),
            Bytes.of(MerkleTree.root(suite, List.of(tx.encoded()))),
            Bytes.of(MerkleTree.root(suite, List.of(receipt.encode()))),
            Bytes.of(suite.hash(new byte[] {1})),
            genesis.validatorSet().hash(suite),
            "node1",
            1);
    byte[] headerBytes = header.encode();
    Bytes hash = Bytes.of(suite.hash(headerBytes));
    CommitCertificate cert =
        new CommitCertificate(
            height,
            0,
            hash,
            List.of(
                new CommitCertificate.CommitSignature(
                    "node1",
                    Bytes.of(
                        suite.sign(
                            validatorKey,
                            CanonicalVote.precommit(genesis.chainId(), height, 0, hash))))));
    return new CertifiedBlock(headerBytes, header, cert, receipt);
  }

  /** {@code GET /v1/transactions/{txId}?proof=true} as the node answers it. */
  public ObjectNode committed(Transaction tx, CertifiedBlock block, boolean withProof) {
    boolean ok = block.receipt().status() == Receipt.Status.SUCCESS;
    ObjectNode n = JSON.createObjectNode();
    n.put("txId", tx.txId().hex());
    n.put("status", ok ? "committed" : "failed");
    n.put("height", block.header().height());
    n.put("index", 0);
    n.put("blockHash", Bytes.of(suite.hash(block.headerBytes())).hex());
    ObjectNode view = n.putObject("transaction");
    view.put("txId", tx.txId().hex());
    view.put("contract", "kv");
    view.put("method", "put");
    view.put("creatorOrg", "org1");
    view.put("timestamp", tx.body().timestamp().toString());
    view.put("chainId", genesis.chainId());
    view.put("nonce", tx.body().nonce().hex());
    try {
      view.set("args", JSON.readTree(tx.body().args()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    view.put("encoded", Base64.getEncoder().encodeToString(tx.encoded()));
    ObjectNode receipt = n.putObject("receipt");
    receipt.put("status", block.receipt().status().name());
    if (!ok) {
      receipt.put("errorCode", block.receipt().errorCode());
      receipt.put("errorMessage", block.receipt().errorMessage());
    }
    receipt.putArray("events");
    if (ok) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) receipt.get("events"))
          .addObject()
          .put("name", "put")
          .putObject("data")
          .put("key", "a")
          .put("version", 1);
    }
    receipt.putObject("result");
    if (withProof) {
      n.set(
          "proof",
          ProofJson.toJson(
              new TransactionProof(
                  Bytes.of(block.headerBytes()),
                  Bytes.of(block.certificate().encode()),
                  Bytes.of(tx.encoded()),
                  Bytes.of(block.receipt().encode()),
                  MerkleTree.of(suite, List.of(tx.encoded())).proof(0),
                  MerkleTree.of(suite, List.of(block.receipt().encode())).proof(0))));
    }
    return n;
  }

  /** {@code GET /v1/blocks/{height}} for {@code block}. */
  public ObjectNode blockDocument(Transaction tx, CertifiedBlock block) {
    ObjectNode n = JSON.createObjectNode();
    n.put("height", block.header().height());
    n.put("hash", Bytes.of(suite.hash(block.headerBytes())).hex());
    n.putObject("header").put("height", block.header().height());
    n.put("headerBytes", Base64.getEncoder().encodeToString(block.headerBytes()));
    n.putArray("transactions")
        .addObject()
        .put("txId", tx.txId().hex())
        .put("contract", "kv")
        .put("method", "put")
        .put("creatorOrg", "org1")
        .put("timestamp", tx.body().timestamp().toString());
    ObjectNode cert = n.putObject("certificate");
    cert.put("height", block.certificate().height());
    cert.put("round", 0);
    cert.put("blockHash", block.certificate().blockHash().hex());
    cert.putArray("signatures")
        .addObject()
        .put("validator", "node1")
        .put("signature", block.certificate().signatures().get(0).signature().hex());
    return n;
  }
}
