package org.chancery.documents.evidence;

import java.io.IOException;
import java.util.Objects;
import org.openpdf.text.DocumentException;

/**
 * The court-ready PDF of an evidence deposit certificate: one A4 page (more only for very long
 * labels) that prints the deposit's facts in Chinese and English, how to verify it, and a QR code
 * of {@link CertificateQr}; with the certificate JSON embedded, byte for byte, as the attachment
 * {@value #ATTACHMENT_NAME}. {@code chancery verify cert.pdf} reads the JSON back with {@link
 * #extractCertificate(byte[])} and verifies that; the printed page is a rendering of it.
 *
 * <p>Rendering is deterministic: the same facts and JSON give the same bytes. The PDF's dates are
 * the deposit time and its file identifier derives from the certificate digest.
 *
 * <p>Example:
 *
 * <pre>{@code
 * byte[] pdf = CertificatePdf.render(facts, certificateJson);
 * Files.write(Path.of("certificate.pdf"), pdf);
 * byte[] json = CertificatePdf.extractCertificate(Files.readAllBytes(Path.of("certificate.pdf")));
 * // json is certificateJson, byte for byte
 * }</pre>
 *
 * <p>This class does not parse or verify the certificate. A PDF whose attachment was swapped for
 * another one still extracts, giving the new bytes; the verifier catches that by checking the
 * certificate's signatures and the printed certificate digest.
 */
public final class CertificatePdf {
  /** The name of the embedded certificate file. */
  public static final String ATTACHMENT_NAME = "evidence-certificate.json";

  /** The media type the attachment is recorded with. */
  public static final String ATTACHMENT_MEDIA_TYPE = "application/json";

  /** The largest certificate {@link #render} embeds and {@link #extractCertificate} returns. */
  public static final int MAX_CERTIFICATE_BYTES = 16 * 1024 * 1024;

  /** The largest PDF {@link #extractCertificate} reads, to keep its memory bounded. */
  public static final int MAX_PDF_BYTES = 64 * 1024 * 1024;

  private CertificatePdf() {}

  /**
   * Renders the certificate PDF.
   *
   * @param facts what the page prints; the caller vouches that they match {@code certificateJson}
   * @param certificateJson the exact certificate bytes to embed, at most {@link
   *     #MAX_CERTIFICATE_BYTES}
   * @return the PDF's bytes
   * @throws IllegalArgumentException if the JSON is too large, or the deposit id too long for a QR
   *     code (over about 2,000 characters)
   * @throws IllegalStateException if OpenPDF fails to write the document, which is a bug
   */
  public static byte[] render(CertificateFacts facts, byte[] certificateJson) {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(certificateJson, "certificateJson");
    if (certificateJson.length > MAX_CERTIFICATE_BYTES) {
      throw new IllegalArgumentException(
          "the certificate is "
              + certificateJson.length
              + " bytes, over the "
              + MAX_CERTIFICATE_BYTES
              + " bytes a certificate PDF may carry");
    }
    try {
      return CertificatePage.render(facts, certificateJson.clone());
    } catch (DocumentException | IOException e) {
      throw renderingFailed(facts, e);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // OpenPDF wraps its checked exceptions in ExceptionConverter and friends.
      throw renderingFailed(facts, e);
    }
  }

  /**
   * Reads the embedded certificate back out of a PDF, byte for byte. Only the EmbeddedFiles name
   * tree is searched, for a file specification named {@value #ATTACHMENT_NAME}; its stream may be
   * stored plain or FlateDecode-compressed.
   *
   * @param pdf the PDF's bytes, at most {@link #MAX_PDF_BYTES}
   * @return the attachment's exact bytes, at most {@link #MAX_CERTIFICATE_BYTES}
   * @throws CertificatePdfException for each reason in {@link CertificatePdfException.Reason}: not
   *     a PDF, too large, damaged, encrypted, no such attachment, several, an attachment too large
   *     or stored in an encoding Chancery does not read
   */
  public static byte[] extractCertificate(byte[] pdf) {
    Objects.requireNonNull(pdf, "pdf");
    return CertificateAttachmentReader.extract(pdf);
  }

  private static IllegalStateException renderingFailed(CertificateFacts facts, Exception cause) {
    return new IllegalStateException(
        "OpenPDF could not render the certificate PDF of deposit "
            + facts.depositId()
            + ": "
            + cause
            + ". This is a bug in chancery-documents; report it with the deposit id.",
        cause);
  }
}
