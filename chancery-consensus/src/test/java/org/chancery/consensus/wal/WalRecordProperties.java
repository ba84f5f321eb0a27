package org.chancery.consensus.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The record codec and framing: a round trip is exact, and no flipped bit goes unnoticed. */
class WalRecordProperties {

  @Property(tries = 500)
  void anEntryDecodesToItself(@ForAll("entries") WalEntry entry) {
    assertThat(WalCodec.decode(WalCodec.encode(entry))).isEqualTo(entry);
  }

  @Property(tries = 200)
  void aFileOfRecordsReadsBackInOrder(@ForAll("upToTwelve") List<WalEntry> es) {
    WalRecords.Scan scan = WalRecords.scan(file(es));

    assertThat(scan.entries()).containsExactlyElementsOf(es);
    assertThat(scan.tornBytes()).isZero();
  }

  @Property(tries = 500)
  void aFlippedBitInTheLastRecordIsCutOffAsATornTail(
      @ForAll("oneToSix") List<WalEntry> es,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
    byte[] file = file(es);
    int lastStart = file(es.subList(0, es.size() - 1)).length;
    int bit = lastStart * 8 + where % ((file.length - lastStart) * 8);
    file[bit / 8] ^= (byte) (1 << (bit % 8));

    WalRecords.Scan scan = WalRecords.scan(file);

    assertThat(scan.entries()).containsExactlyElementsOf(es.subList(0, es.size() - 1));
    assertThat(scan.validLength()).isEqualTo(lastStart);
  }

  @Property(tries = 500)
  void aFlippedBitBeforeTheLastRecordMakesTheFileUnreadable(
      @ForAll("twoToSix") List<WalEntry> es,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
    byte[] file = file(es);
    int lastStart = file(es.subList(0, es.size() - 1)).length;
    int bit = where % (lastStart * 8);
    file[bit / 8] ^= (byte) (1 << (bit % 8));

    assertThatThrownBy(() -> WalRecords.scan(file))
        .isInstanceOf(WalException.class)
        .hasMessageContaining("damaged");
  }

  @Provide
  Arbitrary<WalEntry> entries() {
    return WalEntryArbitraries.entries();
  }

  @Provide
  Arbitrary<List<WalEntry>> upToTwelve() {
    return WalEntryArbitraries.entries().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<WalEntry>> oneToSix() {
    return WalEntryArbitraries.entries().list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<WalEntry>> twoToSix() {
    return WalEntryArbitraries.entries().list().ofMinSize(2).ofMaxSize(6);
  }

  private static byte[] file(List<WalEntry> es) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (WalEntry e : es) {
      out.writeBytes(WalRecords.frame(e));
    }
    return out.toByteArray();
  }
}
