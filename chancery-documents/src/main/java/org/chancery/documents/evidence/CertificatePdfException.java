package org.chancery.documents.evidence;

import java.util.Objects;

/**
 * Why the certificate could not be read out of a PDF. Every failure of {@link
 * CertificatePdf#extractCertificate(byte[])} is one of these, with a stable {@link #code()} and a
 * message that says what to do.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try {
 *   byte[] json = CertificatePdf.extractCertificate(Files.readAllBytes(path));
 * } catch (CertificatePdfException e) {
 *   if (e.reason() == CertificatePdfException.Reason.NOT_A_PDF) { ... }
 *   System.err.println(e.code() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class CertificatePdfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The closed set of reasons, each with its stable kebab-case code. */
  public enum Reason {
    /** The bytes do not start with a PDF header. */
    NOT_A_PDF("not-a-pdf"),
    /** The input is larger than {@link CertificatePdf#MAX_PDF_BYTES}. */
    PDF_TOO_LARGE("pdf-too-large"),
    /** The PDF is damaged or not a well-formed PDF. */
    MALFORMED_PDF("malformed-pdf"),
    /** The PDF is encrypted with a password. */
    ENCRYPTED_PDF("encrypted-pdf"),
    /** The PDF has no embedded file named {@value CertificatePdf#ATTACHMENT_NAME}. */
    NO_CERTIFICATE_ATTACHMENT("no-certificate-attachment"),
    /** The PDF has more than one embedded file of that name. */
    SEVERAL_CERTIFICATE_ATTACHMENTS("several-certificate-attachments"),
    /** The attachment is larger than {@link CertificatePdf#MAX_CERTIFICATE_BYTES}. */
    ATTACHMENT_TOO_LARGE("attachment-too-large"),
    /** The attachment is stored with a compression filter other than none or Flate. */
    UNSUPPORTED_ATTACHMENT_ENCODING("unsupported-attachment-encoding");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The stable code, for example {@code no-certificate-attachment}. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  CertificatePdfException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  CertificatePdfException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  /** Why the certificate could not be read. */
  public Reason reason() {
    return reason;
  }

  /** A stable machine-readable error code, for example {@code not-a-pdf}. */
  public String code() {
    return reason.code();
  }
}
