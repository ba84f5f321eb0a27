package org.chancery.documents.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotBlank;
import org.junit.jupiter.api.Test;

class CertificateQrTest {
  private static final String DIGEST = SampleCertificates.CERTIFICATE_DIGEST;

  @Test
  void payloadIsTheDocumentedText() {
    assertThat(CertificateQr.payload("dep-5c1e0a9b", DIGEST))
        .isEqualTo("chancery-evidence:v1?deposit=dep-5c1e0a9b&certificate=" + DIGEST);
  }

  @Test
  void parseReadsThePayloadBack() {
    CertificateQr qr =
        CertificateQr.parse("chancery-evidence:v1?deposit=dep-5c1e0a9b&certificate=" + DIGEST);
    assertThat(qr).isEqualTo(new CertificateQr("dep-5c1e0a9b", DIGEST));
  }

  @Test
  void depositIdsWithDelimitersArePercentEncoded() {
    String payload = CertificateQr.payload("a&b=c 存", DIGEST);
    assertThat(payload)
        .startsWith("chancery-evidence:v1?deposit=a%26b%3Dc%20%E5%AD%98&certificate=");
    assertThat(CertificateQr.parse(payload).depositId()).isEqualTo("a&b=c 存");
  }

  @Property(tries = 200)
  void everyDepositIdRoundTrips(@ForAll @NotBlank String depositId) {
    assertThat(CertificateQr.parse(CertificateQr.payload(depositId, DIGEST)))
        .isEqualTo(new CertificateQr(depositId, DIGEST));
  }

  @Test
  void rejectsTextFromAnotherScheme() {
    assertRejected("https://example.org/?deposit=x", "not-evidence-qr");
  }

  @Test
  void rejectsAnotherVersion() {
    assertRejected("chancery-evidence:v2?deposit=x&certificate=" + DIGEST, "unsupported-version");
  }

  @Test
  void rejectsMissingReorderedOrExtraFields() {
    assertRejected("chancery-evidence:v1?deposit=x", "malformed-evidence-qr");
    assertRejected(
        "chancery-evidence:v1?certificate=" + DIGEST + "&deposit=x", "malformed-evidence-qr");
    assertRejected(
        "chancery-evidence:v1?deposit=x&certificate=" + DIGEST + "&extra=1",
        "malformed-evidence-qr");
  }

  @Test
  void rejectsABadDigestOrEncoding() {
    assertRejected("chancery-evidence:v1?deposit=x&certificate=ABCDEF", "malformed-evidence-qr");
    assertRejected(
        "chancery-evidence:v1?deposit=x&certificate=" + DIGEST.toUpperCase(java.util.Locale.ROOT),
        "malformed-evidence-qr");
    assertRejected(
        "chancery-evidence:v1?deposit=x%2&certificate=" + DIGEST, "malformed-evidence-qr");
    assertRejected(
        "chancery-evidence:v1?deposit=a b&certificate=" + DIGEST, "malformed-evidence-qr");
    assertRejected("chancery-evidence:v1?deposit=&certificate=" + DIGEST, "malformed-evidence-qr");
  }

  @Test
  void payloadRefusesADigestThatIsNotLowerCaseHex() {
    assertThatThrownBy(() -> CertificateQr.payload("x", "9E8D"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case hex");
  }

  private static void assertRejected(String text, String code) {
    assertThatThrownBy(() -> CertificateQr.parse(text))
        .isInstanceOfSatisfying(
            CertificateQrException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
