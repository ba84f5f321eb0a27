package org.chancery.contracts.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.chancery.core.Bytes;
import org.chancery.core.block.Receipt;
import org.chancery.core.evidence.DepositIds;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.EvidenceLimits;
import org.chancery.crypto.CryptoSuite;

/** The digest index, read in pages of any size, lists exactly a digest's deposits in order. */
class EvidenceIndexProperties {
  private static final CryptoSuite SM = CryptoSuite.byName("sm");
  private static final List<String> DIGESTS =
      List.of(
          HexFormat.of().formatHex(SM.hash(new byte[] {1})),
          HexFormat.of().formatHex(SM.hash(new byte[] {2})),
          HexFormat.of().formatHex(SM.hash(new byte[] {3})));

  @Provide
  Arbitrary<List<List<List<Integer>>>> blocks() {
    // Blocks of transactions; each transaction deposits the digests (by number) it lists.
    Arbitrary<List<Integer>> tx =
        Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(4);
    return tx.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 25)
  void digestIndexListsExactlyTheDepositsOfTheDigestInCommitOrder(
      @ForAll("blocks") List<List<List<Integer>>> blocks, @ForAll("pageSizes") int pageSize) {
    List<List<Bytes>> expected =
        new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    try (EvidenceChain chain = EvidenceChain.temporary(SM, EvidenceLimits.DEFAULTS)) {
      for (List<List<Integer>> block : blocks) {
        List<EvidenceChain.Call> calls = new ArrayList<>();
        for (List<Integer> tx : block) {
          StringBuilder args = new StringBuilder("{\"deposits\":[");
          for (int i = 0; i < tx.size(); i++) {
            args.append(i == 0 ? "" : ",")
                .append("{\"digest\":\"")
                .append(DIGESTS.get(tx.get(i)))
                .append("\",\"size\":1,\"mediaType\":\"text/plain\"}");
          }
          calls.add(new EvidenceChain.Call("org1", "m", "depositBatch", args + "]}"));
        }
        List<Receipt> receipts = chain.block(calls);
        assertThat(receipts).allMatch(r -> r.status() == Receipt.Status.SUCCESS);
        for (int t = 0; t < block.size(); t++) {
          Bytes txId = chain.lastTransactions().get(t).txId();
          for (int i = 0; i < block.get(t).size(); i++) {
            expected.get(block.get(t).get(i)).add(DepositIds.of(SM, txId, i));
          }
        }
      }
      for (int d = 0; d < DIGESTS.size(); d++) {
        List<Bytes> listed = new ArrayList<>();
        long from = 0;
        while (from >= 0) {
          EvidenceQueries.Page page =
              chain.queries().byDigest(Bytes.fromHex(DIGESTS.get(d)), from, pageSize);
          assertThat(page.deposits()).hasSizeLessThanOrEqualTo(pageSize);
          page.deposits().stream().map(DepositRecord::depositId).forEach(listed::add);
          from = page.next();
        }
        assertThat(listed).isEqualTo(expected.get(d));
      }
    }
  }

  @Provide
  Arbitrary<Integer> pageSizes() {
    return Arbitraries.integers().between(1, 7);
  }
}
