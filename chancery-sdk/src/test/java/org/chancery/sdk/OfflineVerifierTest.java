package org.chancery.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.chancery.core.Bytes;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Receipt;
import org.chancery.core.proof.InvalidProofException;
import org.chancery.core.proof.ProofJson;
import org.chancery.core.proof.TransactionProof;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineVerifierTest {
  private static final TestChain CHAIN = TestChain.solo();
  private static final Identity ALICE = CHAIN.member("alice@org1");
  private static final List<Transaction> TXS =
      IntStream.range(0, 3)
          .mapToObj(i -> CHAIN.builder(ALICE).build("kv", "put", "{\"key\":\"k" + i + "\"}"))
          .toList();
  private static final TestChain.TestBlock BLOCK = CHAIN.block(5, TXS);

  @TempDir Path tmp;

  private final OfflineVerifier verifier = new OfflineVerifier(CHAIN.genesis);

  @Test
  void provesWhereAndWhenEachTransactionWasCommitted() {
    for (int i = 0; i < TXS.size(); i++) {
      ProvenTransaction p = verifier.verifyTransaction(CHAIN.proof(BLOCK, i));

      assertThat(p.txId()).isEqualTo(TXS.get(i).txId());
      assertThat(p.chainId()).isEqualTo(TestChain.CHAIN_ID);
      assertThat(p.height()).isEqualTo(5);
      assertThat(p.index()).isEqualTo(i);
      assertThat(p.blockTime()).isEqualTo(BLOCK.header().timestamp());
      assertThat(p.blockHash()).isEqualTo(Bytes.of(CHAIN.suite.hash(BLOCK.headerBytes())));
      assertThat(p.contract()).isEqualTo("kv");
      assertThat(p.method()).isEqualTo("put");
      assertThat(p.creatorOrg()).isEqualTo("org1");
      assertThat(p.creatorName()).isEqualTo("alice@org1");
      assertThat(p.certifiedBy()).containsExactly("node1");
    }
  }

  @Test
  void provesFailedTransactionsWithTheirReceipt() {
    ProvenTransaction p = verifier.verifyTransaction(CHAIN.proof(BLOCK, 1));

    assertThat(p.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(p.receipt().errorCode()).isEqualTo("unauthorised");
    assertThat(verifier.verifyTransaction(CHAIN.proof(BLOCK, 0)).status())
        .isEqualTo(Receipt.Status.SUCCESS);
  }

  @Test
  void verifiesTheJsonFormTheApiReturns() {
    String json = ProofJson.toJson(CHAIN.proof(BLOCK, 2)).toString();

    assertThat(verifier.verifyTransaction(json).txId()).isEqualTo(TXS.get(2).txId());
  }

  @Test
  void readsTheGenesisFile() throws Exception {
    Path genesis = CHAIN.writeGenesis(tmp);

    OfflineVerifier fromFile = OfflineVerifier.fromGenesisFile(genesis);

    assertThat(fromFile.genesis()).isEqualTo(CHAIN.genesis);
    assertThat(fromFile.verifyTransaction(CHAIN.proof(BLOCK, 0)).height()).isEqualTo(5);
  }

  @Test
  void checksTheProofIsForTheExpectedTransaction() {
    ObjectNode json = ProofJson.toJson(CHAIN.proof(BLOCK, 0));

    assertThat(verifier.verifyTransaction(json, TXS.get(0).txId()).index()).isZero();
    assertThatThrownBy(() -> verifier.verifyTransaction(json, TXS.get(1).txId()))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("proof is for transaction " + TXS.get(0).txId().hex());
  }

  @ParameterizedTest
  @ValueSource(strings = {"header", "certificate", "transaction", "receipt"})
  void rejectsAProofWithAnyByteFlipped(String field) {
    ObjectNode json = ProofJson.toJson(CHAIN.proof(BLOCK, 0));
    byte[] bytes = java.util.Base64.getDecoder().decode(json.get(field).asText());
    for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 16)) {
      byte[] tampered = bytes.clone();
      tampered[at] ^= 0x01;
      ObjectNode copy = json.deepCopy();
      copy.put(field, java.util.Base64.getEncoder().encodeToString(tampered));

      assertThatThrownBy(() -> verifier.verifyTransaction(copy))
          .as("%s byte %d", field, at)
          .isInstanceOf(InvalidProofException.class);
    }
  }

  @Test
  void rejectsATamperedMerklePath() {
    ObjectNode json = ProofJson.toJson(CHAIN.proof(BLOCK, 0));
    String first = json.at("/txProof/path/0").asText();
    String flipped = (first.charAt(0) == '0' ? "1" : "0") + first.substring(1);
    ((com.fasterxml.jackson.databind.node.ArrayNode) json.at("/txProof/path")).set(0, flipped);

    assertThatThrownBy(() -> verifier.verifyTransaction(json))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("not in the block's tx root");
  }

  @Test
  void rejectsAReceiptOfAnotherTransaction() {
    TransactionProof good = CHAIN.proof(BLOCK, 0);
    TransactionProof other = CHAIN.proof(BLOCK, 1);
    TransactionProof mixed =
        new TransactionProof(
            good.header(),
            good.certificate(),
            good.transaction(),
            other.receipt(),
            good.txProof(),
            other.receiptProof());

    assertThatThrownBy(() -> verifier.verifyTransaction(mixed))
        .isInstanceOf(InvalidProofException.class);
  }

  @Test
  void rejectsABlockCertifiedByAKeyThatIsNotAValidators() {
    CommitCertificate real = BLOCK.certificate();
    byte[] vote =
        org.chancery.core.block.CanonicalVote.precommit(
            TestChain.CHAIN_ID, real.height(), real.round(), real.blockHash());
    CommitCertificate forged =
        new CommitCertificate(
            real.height(),
            real.round(),
            real.blockHash(),
            List.of(
                new CommitCertificate.CommitSignature(
                    "node1",
                    Bytes.of(CHAIN.suite.sign(CHAIN.suite.generateKeyPair().privateKey(), vote)))));
    TransactionProof good = CHAIN.proof(BLOCK, 0);

    assertThatThrownBy(() -> verifier.verifyTransaction(withCertificate(good, forged)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("block is not certified")
        .hasMessageContaining("does not verify");
  }

  @Test
  void rejectsACertificateWithoutQuorum() {
    TestChain bft = new TestChain("sm", 4);
    OfflineVerifier bftVerifier = new OfflineVerifier(bft.genesis);
    Transaction tx = bft.builder(bft.member("alice")).build("kv", "put", "{}");

    assertThat(bftVerifier.verifyTransaction(bft.proof(bft.block(9, List.of(tx), 3), 0)))
        .extracting(ProvenTransaction::certifiedBy)
        .isEqualTo(List.of("node1", "node2", "node3"));
    assertThatThrownBy(
            () -> bftVerifier.verifyTransaction(bft.proof(bft.block(9, List.of(tx), 2), 0)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("quorum needs 3");
  }

  @Test
  void rejectsAProofFromAnotherChainsValidators() {
    OfflineVerifier otherChain = new OfflineVerifier(TestChain.solo().genesis);

    assertThatThrownBy(() -> otherChain.verifyTransaction(CHAIN.proof(BLOCK, 0)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("validator set");
  }

  @Test
  void rejectsATransactionNotSignedByItsCreatorsKey() {
    TxBody body = CHAIN.builder(ALICE).body("kv", "put", "{}");
    Transaction forged = Transaction.sign(body, CHAIN.member("mallory").privateKey(), CHAIN.suite);
    TestChain.TestBlock block = CHAIN.block(6, List.of(forged));

    assertThatThrownBy(() -> verifier.verifyTransaction(CHAIN.proof(block, 0)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("signature does not verify");
  }

  @Test
  void rejectsAHeaderThatWasChangedAfterCertification() {
    BlockHeader h = BLOCK.header();
    BlockHeader later =
        new BlockHeader(
            h.chainId(),
            h.height(),
            h.previousHash(),
            h.timestamp().plusSeconds(3600),
            h.txRoot(),
            h.receiptRoot(),
            h.stateRoot(),
            h.validatorSetHash(),
            h.proposer(),
            h.txCount());
    TransactionProof good = CHAIN.proof(BLOCK, 0);
    TransactionProof moved =
        new TransactionProof(
            Bytes.of(later.encode()),
            good.certificate(),
            good.transaction(),
            good.receipt(),
            good.txProof(),
            good.receiptProof());

    assertThatThrownBy(() -> verifier.verifyTransaction(moved))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("certificate is for block");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{}", "not json", "{\"header\": 1}"})
  void rejectsDocumentsThatAreNotProofs(String text) {
    assertThatThrownBy(() -> verifier.verifyTransaction(text))
        .isInstanceOf(InvalidProofException.class);
  }

  @Test
  void verifiesOnTheNistSuiteToo() {
    TestChain nist = new TestChain("nist", 1);
    Transaction tx = nist.builder(nist.member("dave")).build("kv", "put", "{}");

    ProvenTransaction p =
        new OfflineVerifier(nist.genesis)
            .verifyTransaction(nist.proof(nist.block(1, List.of(tx)), 0));

    assertThat(p.txId()).isEqualTo(tx.txId());
  }

  private static TransactionProof withCertificate(TransactionProof p, CommitCertificate c) {
    return new TransactionProof(
        p.header(),
        Bytes.of(c.encode()),
        p.transaction(),
        p.receipt(),
        p.txProof(),
        p.receiptProof());
  }
}
