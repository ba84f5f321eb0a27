package org.chancery.documents.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.chancery.documents.evidence.CertificatePdfException.Reason;
import org.junit.jupiter.api.Test;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PRStream;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfFileSpecification;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfStamper;
import org.openpdf.text.pdf.PdfStream;
import org.openpdf.text.pdf.PdfWriter;

class CertificateExtractionTest {
  private static final byte[] PDF =
      CertificatePdf.render(SampleCertificates.facts(), SampleCertificates.JSON);

  @Test
  void returnsTheEmbeddedCertificateByteForByte() {
    assertThat(CertificatePdf.extractCertificate(PDF)).isEqualTo(SampleCertificates.JSON);
  }

  @Test
  void anEmptyCertificateRoundTrips() {
    // Found by the round-trip property: OpenPDF stores no bytes at all for an empty file.
    byte[] pdf = CertificatePdf.render(SampleCertificates.facts(), new byte[0]);
    assertThat(CertificatePdf.extractCertificate(pdf)).isEmpty();
  }

  @Test
  void rejectsAFlateStreamThatEndsEarly() throws Exception {
    byte[] pdf =
        restamp(
            PDF,
            (reader, stamper) -> {
              PRStream stream = certificateStream(reader);
              byte[] raw = PdfReader.getStreamBytesRaw(stream);
              stream.setData(Arrays.copyOf(raw, raw.length / 2), false);
              stream.put(PdfName.FILTER, PdfName.FLATEDECODE);
            });
    assertRejected(pdf, Reason.MALFORMED_PDF, "ends early");
  }

  @Test
  void rejectsBytesThatAreNotAPdf() {
    assertRejected(SampleCertificates.JSON, Reason.NOT_A_PDF, "not a PDF");
    assertRejected(new byte[0], Reason.NOT_A_PDF, "'%PDF-' header");
  }

  @Test
  void rejectsAnInputOverTheBoundBeforeParsingIt() {
    byte[] huge = Arrays.copyOf(PDF, CertificatePdf.MAX_PDF_BYTES + 1);
    assertRejected(huge, Reason.PDF_TOO_LARGE, "at most 67108864 bytes");
  }

  @Test
  void rejectsADamagedPdf() {
    byte[] garbage =
        "%PDF-1.7\n%\u00e2\u00e3\n this is not a PDF body at all\n%%EOF\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertRejected(garbage, Reason.MALFORMED_PDF, "damaged");
  }

  @Test
  void rejectsATruncatedPdfWithATypedError() {
    byte[] truncated = Arrays.copyOf(PDF, PDF.length / 3);
    assertThatThrownBy(() -> CertificatePdf.extractCertificate(truncated))
        .isInstanceOf(CertificatePdfException.class)
        .satisfies(
            e ->
                assertThat(((CertificatePdfException) e).reason())
                    .isIn(Reason.MALFORMED_PDF, Reason.NO_CERTIFICATE_ATTACHMENT));
  }

  @Test
  void rejectsAPdfNestedDeeplyEnoughToExhaustTheParsersStack() {
    String bomb =
        "%PDF-1.7\n1 0 obj\n" + "[".repeat(2_000_000) + "\nendobj\ntrailer\n<</Root 1 0 R>>\n";
    assertRejected(bomb.getBytes(StandardCharsets.US_ASCII), Reason.MALFORMED_PDF, "damaged");
  }

  @Test
  void rejectsAPdfWithoutAttachments() throws Exception {
    assertRejected(plainPdf(), Reason.NO_CERTIFICATE_ATTACHMENT, "evidence-certificate.json");
  }

  @Test
  void rejectsAPdfWhoseOnlyAttachmentHasAnotherName() throws Exception {
    byte[] pdf = pdfWithAttachments(new Attachment("certificate.json", SampleCertificates.JSON));
    assertRejected(pdf, Reason.NO_CERTIFICATE_ATTACHMENT, "no embedded file named");
  }

  @Test
  void findsTheCertificateAmongOtherAttachments() throws Exception {
    byte[] pdf =
        pdfWithAttachments(
            new Attachment("notes.txt", "n".getBytes(StandardCharsets.UTF_8)),
            new Attachment(CertificatePdf.ATTACHMENT_NAME, SampleCertificates.JSON));
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(SampleCertificates.JSON);
  }

  @Test
  void rejectsAPdfWithTwoCertificates() throws Exception {
    byte[] pdf =
        pdfWithAttachments(
            new Attachment(CertificatePdf.ATTACHMENT_NAME, SampleCertificates.JSON),
            new Attachment(CertificatePdf.ATTACHMENT_NAME, "{}".getBytes(StandardCharsets.UTF_8)));
    assertRejected(pdf, Reason.SEVERAL_CERTIFICATE_ATTACHMENTS, "2 embedded files");
  }

  @Test
  void rejectsAnAttachmentThatInflatesPastTheBound() throws Exception {
    // 16 MiB + 1 of zeros compresses to a few kilobytes: the bound must hold while inflating.
    byte[] bomb = new byte[CertificatePdf.MAX_CERTIFICATE_BYTES + 1];
    byte[] pdf = pdfWithAttachments(new Attachment(CertificatePdf.ATTACHMENT_NAME, bomb));
    assertThat(pdf.length).isLessThan(1_000_000);
    assertRejected(pdf, Reason.ATTACHMENT_TOO_LARGE, "larger than 16777216 bytes");
  }

  @Test
  void acceptsAnAttachmentOfExactlyTheBound() throws Exception {
    byte[] largest = new byte[CertificatePdf.MAX_CERTIFICATE_BYTES];
    largest[largest.length - 1] = '}';
    byte[] pdf = pdfWithAttachments(new Attachment(CertificatePdf.ATTACHMENT_NAME, largest));
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(largest);
  }

  @Test
  void rejectsAnAttachmentStoredWithAFilterItDoesNotRead() throws Exception {
    byte[] pdf =
        restamp(
            PDF,
            (reader, stamper) -> {
              PRStream stream = certificateStream(reader);
              stream.setData(hex(SampleCertificates.JSON), false);
              stream.put(PdfName.FILTER, PdfName.ASCIIHEXDECODE);
            });
    assertRejected(pdf, Reason.UNSUPPORTED_ATTACHMENT_ENCODING, "ASCIIHexDecode");
  }

  @Test
  void readsAnUncompressedAttachment() throws Exception {
    byte[] pdf =
        restamp(
            PDF,
            (reader, stamper) -> certificateStream(reader).setData(SampleCertificates.JSON, false));
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(SampleCertificates.JSON);
  }

  @Test
  void rejectsAPdfThatNeedsAPasswordToOpen() throws Exception {
    assertRejected(encrypted("secret"), Reason.ENCRYPTED_PDF, "password");
  }

  @Test
  void readsAPdfRestrictedOnlyByAnOwnerPassword() throws Exception {
    // "Protected against editing": encrypted, but anyone may open it, so the certificate reads.
    assertThat(CertificatePdf.extractCertificate(encrypted(""))).isEqualTo(SampleCertificates.JSON);
  }

  private static byte[] encrypted(String userPassword) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfStamper stamper = new PdfStamper(new PdfReader(PDF), out);
    stamper.setEncryption(
        userPassword.getBytes(StandardCharsets.US_ASCII),
        "owner".getBytes(StandardCharsets.US_ASCII),
        PdfWriter.ALLOW_PRINTING,
        PdfWriter.ENCRYPTION_AES_128);
    stamper.close();
    return out.toByteArray();
  }

  /**
   * Swapping the attachment is not this module's to detect: the new bytes come out, and the
   * verifier finds that they are not a certificate the chain issued for this page.
   */
  @Test
  void aReplacedAttachmentExtractsTheReplacementBytes() throws Exception {
    byte[] forged = "{\"forged\":true}".getBytes(StandardCharsets.UTF_8);
    byte[] pdf =
        restamp(
            PDF,
            (reader, stamper) -> {
              reader.getCatalog().getAsDict(PdfName.NAMES).remove(PdfName.EMBEDDEDFILES);
              stamper.addFileAttachment(
                  "replacement", forged, null, CertificatePdf.ATTACHMENT_NAME);
            });
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(forged);
  }

  @Test
  void codesAreStableKebabCase() {
    assertThat(Arrays.stream(Reason.values()).map(Reason::code))
        .containsExactly(
            "not-a-pdf",
            "pdf-too-large",
            "malformed-pdf",
            "encrypted-pdf",
            "no-certificate-attachment",
            "several-certificate-attachments",
            "attachment-too-large",
            "unsupported-attachment-encoding");
  }

  private static void assertRejected(byte[] pdf, Reason reason, String messagePart) {
    assertThatThrownBy(() -> CertificatePdf.extractCertificate(pdf))
        .isInstanceOfSatisfying(
            CertificatePdfException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.code()).isEqualTo(reason.code());
            })
        .hasMessageContaining(messagePart);
  }

  private record Attachment(String name, byte[] bytes) {}

  private static byte[] plainPdf() throws Exception {
    return pdfWithAttachments();
  }

  private static byte[] pdfWithAttachments(Attachment... attachments) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4);
    PdfWriter writer = PdfWriter.getInstance(document, out);
    document.open();
    document.add(new Paragraph("not a certificate"));
    for (Attachment attachment : attachments) {
      PdfFileSpecification file =
          PdfFileSpecification.fileEmbedded(
              writer,
              null,
              attachment.name(),
              attachment.bytes(),
              "application/json",
              null,
              PdfStream.BEST_COMPRESSION);
      writer.addFileAttachment(attachment.name(), file);
    }
    document.close();
    return out.toByteArray();
  }

  @FunctionalInterface
  private interface Edit {
    void apply(PdfReader reader, PdfStamper stamper) throws Exception;
  }

  private static byte[] restamp(byte[] pdf, Edit edit) throws Exception {
    PdfReader reader = new PdfReader(pdf);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfStamper stamper = new PdfStamper(reader, out);
    edit.apply(reader, stamper);
    stamper.close();
    return out.toByteArray();
  }

  private static PRStream certificateStream(PdfReader reader) {
    PdfDictionary tree =
        reader.getCatalog().getAsDict(PdfName.NAMES).getAsDict(PdfName.EMBEDDEDFILES);
    PdfDictionary file = tree.getAsArray(PdfName.NAMES).getAsDict(1);
    return (PRStream) PdfReader.getPdfObject(file.getAsDict(PdfName.EF).get(PdfName.F));
  }

  private static byte[] hex(byte[] bytes) {
    return (java.util.HexFormat.of().formatHex(bytes) + ">").getBytes(StandardCharsets.US_ASCII);
  }
}
