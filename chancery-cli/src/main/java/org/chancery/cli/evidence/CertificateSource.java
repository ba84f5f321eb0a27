package org.chancery.cli.evidence;

/**
 * Gets a certificate's JSON out of a PDF rendering of it (the attachment {@code
 * evidence-certificate.json}). The seam between {@code chancery verify} and the PDF module: {@link
 * #builtIn()} is what the CLI uses.
 */
public interface CertificateSource {

  /**
   * The embedded certificate JSON.
   *
   * @throws PdfCertificateException if the PDF holds no certificate or PDF support is missing
   */
  byte[] extractCertificate(byte[] pdf);

  /**
   * The extractor this build has. Until the PDF module is wired in (to {@code
   * CertificatePdf.extractCertificate(byte[])}), a PDF is refused with a clear message.
   */
  static CertificateSource builtIn() {
    return pdf -> {
      throw new PdfCertificateException(
          "PDF support not built in: this chancery cannot read certificates from PDFs; verify the"
              + " JSON certificate (chancery evidence certificate --out cert.json)");
    };
  }

  /** A PDF that yields no certificate. */
  final class PdfCertificateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PdfCertificateException(String message) {
      super(message);
    }
  }
}
