package org.chancery.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.chancery.core.Bytes;
import org.junit.jupiter.api.Test;

/** A deposit request and record read back from their JSON are the ones written. */
class DepositJsonProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Provide
  Arbitrary<Bytes> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Bytes::of);
  }

  @Provide
  Arbitrary<String> names() {
    // Printable text, including non-ASCII, without path separators.
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u00ff')
        .withCharRange('\u4e00', '\u4eff')
        .ofMinLength(1)
        .ofMaxLength(40)
        .filter(s -> s.indexOf('/') < 0 && s.indexOf('\\') < 0);
  }

  @Provide
  Arbitrary<DepositRequest> requests() {
    Arbitrary<ObjectNode> metadata =
        Arbitraries.maps(
                names(),
                Arbitraries.oneOf(
                    names().map(s -> (Object) s),
                    Arbitraries.longs().map(l -> (Object) l),
                    Arbitraries.of(true, false).map(b -> (Object) b)))
            .ofMaxSize(4)
            .map(m -> JSON.valueToTree(m));
    return Combinators.combine(
            hashes(),
            Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.of(
                "application/pdf", "image/png", "text/plain", "application/vnd.ms-excel"),
            names().injectNull(0.3),
            names().injectNull(0.3),
            metadata,
            hashes().injectNull(0.5))
        .as(
            (digest, size, type, fileName, label, meta, previous) ->
                new DepositRequest(
                    digest, size, type, fileName, label == null ? "" : label, meta, previous));
  }

  @Property
  void requestRoundTripsThroughJson(@ForAll("requests") DepositRequest request) throws Exception {
    String text = JSON.writeValueAsString(request.toJson());
    DepositRequest back = DepositRequest.parse(DepositRequest.readArguments(text), 32, 4096);
    assertThat(back).isEqualTo(request);
    assertThat(back.toJson()).isEqualTo(request.toJson());
  }

  @Property
  void recordRoundTripsThroughItsStoredForm(
      @ForAll("requests") DepositRequest request,
      @ForAll("hashes") Bytes id,
      @ForAll("hashes") Bytes txId,
      @ForAll("names") String member) {
    DepositRecord record =
        new DepositRecord(
            id,
            request,
            new Depositor("org1", member, "client"),
            txId,
            3,
            42,
            Instant.parse("2026-12-04T20:37:03.120Z"));
    DepositRecord back = DepositRecord.decode(record.encode(), 32);
    assertThat(back).isEqualTo(record);
    assertThat(back.encode()).isEqualTo(record.encode());
  }

  @Test
  void recordRejectsANonCanonicalTimeAndBadPositions() {
    DepositRecord record =
        new DepositRecord(
            Bytes.of(new byte[32]),
            new DepositRequest(Bytes.of(new byte[32]), 1, "a/b", null, "", null, null),
            new Depositor("org1", "m", "client"),
            Bytes.of(new byte[32]),
            0,
            1,
            Instant.parse("2026-01-01T00:00:00Z"));
    ObjectNode n = record.toJson();
    assertThat(DepositRecord.fromJson(n, 32)).isEqualTo(record);
    assertThatThrownBy(
            () -> DepositRecord.fromJson(n.deepCopy().put("time", "2026-01-01T01:00:00+01:00"), 32))
        .isInstanceOf(InvalidDepositException.class)
        .hasMessageContaining("\"time\"");
    assertThatThrownBy(() -> DepositRecord.fromJson(n.deepCopy().put("index", -1), 32))
        .hasMessageContaining("\"index\"");
    assertThatThrownBy(() -> DepositRecord.fromJson(n.deepCopy().put("height", 0), 32))
        .hasMessageContaining("\"height\"");
    assertThatThrownBy(() -> DepositRecord.fromJson(n.deepCopy().put("extra", 0), 32))
        .hasMessageContaining("unknown deposit field 'extra'");
    assertThatThrownBy(() -> DepositRecord.fromJson(n.deepCopy().without("txId"), 32))
        .hasMessageContaining("\"txId\"");
  }

  @Test
  void argumentsMustBeExactlyOneObjectWithoutDuplicateKeys() {
    assertThat(DepositRequest.readArguments("{\"a\":1}").path("a").asInt()).isEqualTo(1);
    for (String bad : new String[] {"{\"a\":1,\"a\":2}", "{} {}", "[]", "1", "", "{"}) {
      assertThatThrownBy(() -> DepositRequest.readArguments(bad))
          .as(bad)
          .isInstanceOf(InvalidDepositException.class)
          .extracting(e -> ((InvalidDepositException) e).code())
          .isEqualTo("invalid-arguments");
    }
  }
}
