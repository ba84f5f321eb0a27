package org.chancery.documents.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the facts and the certificate bytes, the PDF gives the bytes back exactly. */
class CertificatePdfRoundTripProperties {

  @Property(tries = 30)
  void extractionReturnsTheEmbeddedBytes(
      @ForAll("certificates") byte[] json,
      @ForAll("labels") String label,
      @ForAll("fileNames") String fileName) {
    CertificateFacts facts = SampleCertificates.facts(label, fileName);
    byte[] pdf = CertificatePdf.render(facts, json);
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(json);
  }

  /** JSON-ish text, or any bytes at all: the module must not care what the certificate holds. */
  @Provide
  Arbitrary<byte[]> certificates() {
    Arbitrary<byte[]> jsonish =
        Arbitraries.strings()
            .withChars("{}[]\":,0123456789abcdefnull truefalse\\存证\n")
            .ofMaxLength(3_000)
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(3_000);
    return Arbitraries.oneOf(jsonish, anyBytes);
  }

  @Provide
  Arbitrary<String> labels() {
    return text().ofMaxLength(120);
  }

  /** Null (no name given) or a non-blank name. */
  @Provide
  Arbitrary<String> fileNames() {
    Arbitrary<String> names =
        Combinators.combine(
                text().ofMinLength(1).ofMaxLength(40), Arbitraries.of(".pdf", ".jpg", ""))
            .as((stem, extension) -> "f" + stem + extension);
    return names.injectNull(0.2);
  }

  private static net.jqwik.api.arbitraries.StringArbitrary text() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars(" -_./()（）、。")
        .withCharRange('\u4e00', '\u9fff')
        // Lone halves of an emoji as well as whole ones: none of them may crash rendering.
        .withChars("\uD83D\uDE00");
  }
}
