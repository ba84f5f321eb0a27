package org.chancery.documents.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the QR code on an evidence PDF says: the deposit and the hash of its certificate, as the
 * text {@code chancery-evidence:v1?deposit=<depositId>&certificate=<certificateDigest>}.
 *
 * <p>A deposit id made of letters, digits and {@code - . _ ~ :} (every id the ledger issues) is
 * written as it is; any other byte of its UTF-8 form is percent-encoded (RFC 3986), so that {@code
 * &} or {@code =} in an id cannot change the meaning of the text. The certificate digest is
 * lower-case hex.
 *
 * <p>Example:
 *
 * <pre>{@code
 * String text = CertificateQr.payload("dep-7f3a", "9e8d...");
 * // "chancery-evidence:v1?deposit=dep-7f3a&certificate=9e8d..."
 * CertificateQr qr = CertificateQr.parse(text); // qr.depositId() is "dep-7f3a"
 * }</pre>
 *
 * @param depositId the deposit's identifier on the chain, not blank
 * @param certificateDigest the lower-case hex hash of the certificate JSON bytes
 */
public record CertificateQr(String depositId, String certificateDigest) {

  /** The scheme and version every payload starts with. */
  public static final String PREFIX = "chancery-evidence:v1?";

  private static final String DEPOSIT = "deposit=";
  private static final String CERTIFICATE = "certificate=";
  private static final int MIN_DIGEST_HEX = 32;
  private static final int MAX_DIGEST_HEX = 128;

  /**
   * @throws IllegalArgumentException if the deposit id is blank or the digest is not lower-case hex
   *     of 32 to 128 digits
   */
  public CertificateQr {
    Objects.requireNonNull(depositId, "depositId");
    if (depositId.isBlank()) {
      throw new IllegalArgumentException("depositId must not be blank");
    }
    requireDigest(certificateDigest);
  }

  /**
   * The QR text for a deposit.
   *
   * @throws IllegalArgumentException as the constructor does
   */
  public static String payload(String depositId, String certificateDigest) {
    return new CertificateQr(depositId, certificateDigest).payload();
  }

  /** This QR's text, {@code chancery-evidence:v1?deposit=...&certificate=...}. */
  public String payload() {
    return PREFIX + DEPOSIT + percentEncode(depositId) + "&" + CERTIFICATE + certificateDigest;
  }

  /**
   * Reads the text a QR reader decoded from an evidence PDF.
   *
   * @throws CertificateQrException if the text is not a version 1 Chancery evidence payload
   */
  public static CertificateQr parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith("chancery-evidence:")) {
      throw new CertificateQrException(
          "not-evidence-qr",
          "This QR code is not a Chancery evidence code: it should start with '"
              + PREFIX
              + "'. Scan the code printed on the evidence certificate.");
    }
    if (!text.startsWith(PREFIX)) {
      throw new CertificateQrException(
          "unsupported-version",
          "This Chancery evidence QR code has a version this software does not know ('"
              + abbreviate(text)
              + "'); upgrade the chancery tool.");
    }
    String[] fields = text.substring(PREFIX.length()).split("&", -1);
    if (fields.length != 2
        || !fields[0].startsWith(DEPOSIT)
        || !fields[1].startsWith(CERTIFICATE)) {
      throw malformed(text, "expected exactly 'deposit=...&certificate=...'");
    }
    String depositId = percentDecode(fields[0].substring(DEPOSIT.length()), text);
    String digest = fields[1].substring(CERTIFICATE.length());
    try {
      return new CertificateQr(depositId, digest);
    } catch (IllegalArgumentException e) {
      throw malformed(text, e.getMessage());
    }
  }

  static void requireDigest(String certificateDigest) {
    Objects.requireNonNull(certificateDigest, "certificateDigest");
    int length = certificateDigest.length();
    boolean hex =
        certificateDigest.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!hex || length % 2 != 0 || length < MIN_DIGEST_HEX || length > MAX_DIGEST_HEX) {
      throw new IllegalArgumentException(
          "certificateDigest must be lower-case hex of "
              + MIN_DIGEST_HEX
              + " to "
              + MAX_DIGEST_HEX
              + " digits (an even number), got '"
              + abbreviate(certificateDigest)
              + "'");
    }
  }

  private static boolean unreserved(int b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '.'
        || b == '_'
        || b == '~'
        || b == ':';
  }

  private static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int u = b & 0xff;
      if (unreserved(u)) {
        out.append((char) u);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static String percentDecode(String value, String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int lo = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw malformed(text, "a '%' in the deposit id is not followed by two hex digits");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (unreserved(c)) {
        bytes.write(c);
      } else {
        throw malformed(text, "the deposit id contains '" + c + "', which must be percent-encoded");
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static CertificateQrException malformed(String text, String why) {
    return new CertificateQrException(
        "malformed-evidence-qr",
        "This Chancery evidence QR code is damaged or was not written by Chancery ("
            + why
            + "): '"
            + abbreviate(text)
            + "'. Scan it again, or read the deposit id and certificate digest printed beside it.");
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
