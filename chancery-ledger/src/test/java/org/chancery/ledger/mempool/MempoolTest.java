package org.chancery.ledger.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chancery.core.Bytes;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.pki.CertificateAuthority;
import org.chancery.crypto.pki.CertificateRequest;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;
import org.junit.jupiter.api.Test;

class MempoolTest {
  private static final CryptoSuite SM = CryptoSuite.byName("sm");
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final CertificateAuthority CA =
      CertificateAuthority.createIdentityCa(
          SM, "org1", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Member(X509Certificate cert, EcKeyPair keys) {}

  private static Member member(CertificateAuthority ca, MemberRole role, Instant from, Instant to) {
    EcKeyPair keys = SM.generateKeyPair();
    return new Member(
        ca.issueIdentity(
            new CertificateRequest("user", role, keys.publicKey(), List.of(), List.of(), from, to)),
        keys);
  }

  private static final Member CLIENT =
      member(CA, MemberRole.CLIENT, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

  private final Set<Bytes> committed = new HashSet<>();

  private Mempool pool(int maxTxs, long maxBytes, RevocationSet revoked) {
    TransactionAdmission admission =
        new TransactionAdmission(
            SM,
            new AdmissionRules(
                "c1", 64 * 1024, Duration.ofMinutes(10), AdmissionRules.DEFAULT_SUBMITTERS),
            new MemberCertificates(List.of(CA.certificate()), revoked, SM, 100),
            Set.of("kv"),
            committed::contains,
            CLOCK);
    return new Mempool(admission, maxTxs, maxBytes);
  }

  private Mempool pool() {
    return pool(100, 1 << 20, RevocationSet.empty());
  }

  private static Transaction tx(Member m, String chain, String contract, Instant time) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    try {
      TxBody body =
          new TxBody(
              chain,
              Bytes.of(nonce),
              time,
              "org1",
              Bytes.of(m.cert().getEncoded()),
              contract,
              "put",
              "{\"key\":\"k\",\"value\":1}");
      return Transaction.sign(body, m.keys().privateKey(), SM);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Transaction tx() {
    return tx(CLIENT, "c1", "kv", NOW);
  }

  private static String rejection(Mempool pool, byte[] encoded) {
    try {
      pool.submit(encoded);
    } catch (InvalidTransactionException e) {
      return e.code();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void admitsAValidTransactionAndServesItInArrivalOrder() {
    Mempool pool = pool();
    Transaction a = tx();
    Transaction b = tx();
    pool.submit(a.encoded());
    pool.submit(b.encoded());
    assertThat(pool.size()).isEqualTo(2);
    assertThat(pool.peekBatch(10, 1 << 20)).containsExactly(a, b);
    assertThat(pool.peekBatch(1, 1 << 20)).containsExactly(a);
    assertThat(pool.peekBatch(10, a.size())).containsExactly(a);
    pool.remove(List.of(a.txId()));
    assertThat(pool.peekBatch(10, 1 << 20)).containsExactly(b);
    assertThat(pool.bytes()).isEqualTo(b.size());
  }

  @Test
  void rejectsDuplicatesAndReplays() {
    Mempool pool = pool();
    Transaction a = tx();
    pool.submit(a.encoded());
    assertThat(rejection(pool, a.encoded())).isEqualTo("duplicate");
    pool.remove(List.of(a.txId()));
    committed.add(a.txId());
    assertThat(rejection(pool, a.encoded())).isEqualTo("replayed");
  }

  @Test
  void boundedByCountAndBytes() {
    Mempool byCount = pool(1, 1 << 20, RevocationSet.empty());
    byCount.submit(tx().encoded());
    assertThatThrownBy(() -> byCount.submit(tx().encoded()))
        .isInstanceOf(MempoolFullException.class)
        .hasMessageContaining("retry later");
    Transaction t = tx();
    Mempool byBytes = pool(100, t.size() + 10, RevocationSet.empty());
    byBytes.submit(t.encoded());
    assertThatThrownBy(() -> byBytes.submit(tx().encoded()))
        .isInstanceOf(MempoolFullException.class);
  }

  @Test
  void rejectsEachInvalidKindWithItsCode() {
    Mempool pool = pool();
    assertThat(rejection(pool, new byte[0])).isEqualTo("malformed-transaction");
    assertThat(rejection(pool, new byte[] {0x0a, 0x7f})).isEqualTo("malformed-transaction");
    assertThat(rejection(pool, new byte[70 * 1024])).isEqualTo("too-large");
    assertThat(rejection(pool, tx(CLIENT, "c2", "kv", NOW).encoded())).isEqualTo("wrong-chain");
    assertThat(rejection(pool, tx(CLIENT, "c1", "nope", NOW).encoded()))
        .isEqualTo("unknown-contract");
    assertThat(rejection(pool, tx(CLIENT, "c1", "kv", NOW.minus(Duration.ofMinutes(11))).encoded()))
        .isEqualTo("expired");
    assertThat(rejection(pool, tx(CLIENT, "c1", "kv", NOW.plus(Duration.ofMinutes(11))).encoded()))
        .isEqualTo("timestamp-in-future");
    assertThat(pool.size()).isZero();
  }

  @Test
  void rejectsCreatorsThatAreNotValidMembers() {
    Mempool pool = pool();
    CertificateAuthority stranger =
        CertificateAuthority.createIdentityCa(
            SM, "org1", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    assertThat(
            rejection(
                pool,
                tx(
                        member(
                            stranger,
                            MemberRole.CLIENT,
                            NOW.minus(Duration.ofDays(1)),
                            NOW.plus(Duration.ofDays(1))),
                        "c1",
                        "kv",
                        NOW)
                    .encoded()))
        .isEqualTo("unknown-member");
    assertThat(
            rejection(
                pool,
                tx(
                        member(
                            CA,
                            MemberRole.CLIENT,
                            NOW.minus(Duration.ofDays(9)),
                            NOW.minus(Duration.ofDays(2))),
                        "c1",
                        "kv",
                        NOW)
                    .encoded()))
        .isEqualTo("certificate-expired");
    assertThat(
            rejection(
                pool,
                tx(
                        member(
                            CA,
                            MemberRole.NODE,
                            NOW.minus(Duration.ofDays(1)),
                            NOW.plus(Duration.ofDays(1))),
                        "c1",
                        "kv",
                        NOW)
                    .encoded()))
        .isEqualTo("unauthorised");
    Member revokedMember =
        member(CA, MemberRole.CLIENT, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    Mempool revoking = pool(100, 1 << 20, RevocationSet.empty().with(revokedMember.cert()));
    assertThat(rejection(revoking, tx(revokedMember, "c1", "kv", NOW).encoded()))
        .isEqualTo("certificate-revoked");
  }

  @Test
  void rejectsABadSignatureAndAForeignOrganisationClaim() {
    Mempool pool = pool();
    Transaction a = tx();
    Transaction b = tx();
    byte[] forged =
        org.chancery.core.proto.LedgerProto.Transaction.newBuilder()
            .setBody(com.google.protobuf.ByteString.copyFrom(a.bodyBytes()))
            .setSignature(com.google.protobuf.ByteString.copyFrom(b.signature()))
            .build()
            .toByteArray();
    assertThat(rejection(pool, forged)).isEqualTo("bad-signature");
    byte[] nonce = new byte[16];
    try {
      TxBody claim =
          new TxBody(
              "c1",
              Bytes.of(nonce),
              NOW,
              "org2",
              Bytes.of(CLIENT.cert().getEncoded()),
              "kv",
              "put",
              "{}");
      assertThat(rejection(pool, Transaction.sign(claim, CLIENT.keys().privateKey(), SM).encoded()))
          .isEqualTo("unknown-member");
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void removeIfDropsMatchingTransactions() {
    Mempool pool = pool();
    Transaction a = tx();
    Transaction b = tx(CLIENT, "c1", "kv", NOW.minusSeconds(30));
    pool.submit(a.encoded());
    pool.submit(b.encoded());
    assertThat(pool.removeIf(t -> t.body().timestamp().isBefore(NOW))).isEqualTo(1);
    assertThat(pool.contains(a.txId())).isTrue();
    assertThat(pool.contains(b.txId())).isFalse();
  }

  // ---- batches ----

  private static List<byte[]> encoded(List<Transaction> txs) {
    return txs.stream().map(Transaction::encoded).toList();
  }

  @Test
  void batchKeepsItsOrderWhenCheckedInParallel() throws Exception {
    Mempool pool = pool(1000, 1 << 24, RevocationSet.empty());
    List<Transaction> txs = java.util.stream.Stream.generate(MempoolTest::tx).limit(200).toList();
    List<String> threads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (java.util.concurrent.ExecutorService four =
        java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<Submission> results =
          pool.submitAll(
              encoded(txs),
              task ->
                  four.execute(
                      () -> {
                        threads.add(Thread.currentThread().getName());
                        task.run();
                      }));

      assertThat(results)
          .containsExactlyElementsOf(txs.stream().map(Submission.Accepted::new).toList());
    }
    assertThat(pool.peekBatch(1000, 1 << 24)).containsExactlyElementsOf(txs);
    assertThat(threads).as("slices handed to the executor").hasSizeGreaterThan(1);
  }

  @Test
  void batchRejectsEachBadTransactionAloneWithItsCodeAndId() {
    Mempool pool = pool();
    Transaction good = tx();
    Transaction late = tx(CLIENT, "c1", "kv", NOW.minus(Duration.ofMinutes(11)));
    Transaction alsoGood = tx();

    List<Submission> results =
        pool.submitAll(
            List.of(
                good.encoded(),
                new byte[] {1, 2, 3},
                late.encoded(),
                alsoGood.encoded(),
                good.encoded()),
            Runnable::run);

    assertThat(results.get(0)).isEqualTo(new Submission.Accepted(good));
    assertThat(results.get(1))
        .isInstanceOfSatisfying(
            Submission.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("malformed-transaction");
              assertThat(r.txId()).isEmpty();
            });
    assertThat(results.get(2))
        .isInstanceOfSatisfying(
            Submission.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("expired");
              assertThat(r.txId()).contains(late.txId());
            });
    assertThat(results.get(3)).isEqualTo(new Submission.Accepted(alsoGood));
    assertThat(results.get(4))
        .isInstanceOfSatisfying(
            Submission.Rejected.class, r -> assertThat(r.code()).isEqualTo("duplicate"));
    assertThat(pool.peekBatch(10, 1 << 20)).containsExactly(good, alsoGood);
  }

  @Test
  void batchThatOverfillsThePoolIsAcceptedUpToTheBound() {
    Mempool pool = pool(2, 1 << 20, RevocationSet.empty());
    List<Transaction> txs = List.of(tx(), tx(), tx());

    List<Submission> results = pool.submitAll(encoded(txs), Runnable::run);

    assertThat(results.subList(0, 2))
        .containsExactly(new Submission.Accepted(txs.get(0)), new Submission.Accepted(txs.get(1)));
    assertThat(results.get(2))
        .isInstanceOfSatisfying(
            Submission.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo("mempool-full");
              assertThat(r.message()).contains("retry later");
            });
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void takenTransactionsAreNotOfferedAgainButStayPendingUntilRemoved() {
    Mempool pool = pool(3, 1 << 20, RevocationSet.empty());
    Transaction a = tx();
    Transaction b = tx();
    Transaction c = tx(CLIENT, "c1", "kv", NOW.minusSeconds(30));
    pool.submit(a.encoded());
    pool.submit(b.encoded());
    pool.submit(c.encoded());

    assertThat(pool.take(2, 1 << 20)).containsExactly(a, b);

    assertThat(pool.take(10, 1 << 20)).containsExactly(c);
    assertThat(pool.available()).isZero();
    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.contains(a.txId())).isTrue();
    assertThat(rejection(pool, a.encoded())).isEqualTo("duplicate");
    assertThatThrownBy(() -> pool.submit(tx().encoded())).isInstanceOf(MempoolFullException.class);
    assertThat(pool.removeIf(t -> true)).as("taken ones are not dropped as stale").isZero();

    pool.remove(List.of(a.txId(), b.txId(), c.txId()));

    assertThat(pool.size()).isZero();
    assertThat(pool.bytes()).isZero();
    assertThat(pool.contains(a.txId())).isFalse();
  }
}
