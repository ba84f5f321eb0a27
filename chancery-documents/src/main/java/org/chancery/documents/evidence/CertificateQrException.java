package org.chancery.documents.evidence;

/**
 * A text that is not a Chancery evidence QR payload. {@link #code()} is one of {@code
 * not-evidence-qr}, {@code unsupported-version} and {@code malformed-evidence-qr}.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try {
 *   CertificateQr.parse(scanned);
 * } catch (CertificateQrException e) {
 *   System.err.println(e.code() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class CertificateQrException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String code;

  CertificateQrException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** A stable machine-readable error code, for example {@code malformed-evidence-qr}. */
  public String code() {
    return code;
  }
}
