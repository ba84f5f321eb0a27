package org.chancery.documents.evidence;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfEncryption;
import org.openpdf.text.pdf.PdfFileSpecification;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfStream;
import org.openpdf.text.pdf.PdfWriter;

/** Lays out the certificate page and writes the PDF. One instance per rendering. */
final class CertificatePage {
  /** 1 mm in PDF points. */
  private static final float MM = 72f / 25.4f;

  private static final float QR_SIZE = 35 * MM;
  private static final Color INK = new Color(0x1a, 0x1a, 0x1a);
  private static final Color MUTED = new Color(0x5f, 0x63, 0x68);
  private static final Color RULE = new Color(0xc8, 0xcc, 0xd0);
  private static final Color SECTION = new Color(0xee, 0xf1, 0xf4);

  private static final String VERIFY_ZH =
      "本 PDF 内嵌完整的存证证书（evidence-certificate.json）。请使用联盟的创世文件离线验证：";
  private static final String VERIFY_EN =
      "This PDF embeds the full certificate (evidence-certificate.json). Verify it offline with"
          + " the consortium's genesis file:";
  private static final String VERIFY_COMMAND =
      "chancery verify --genesis genesis.json this.pdf\n[--file the-original-file]";
  private static final String AUTHORITY_ZH = "以内嵌的证书文件为准；本页为其可读版本，所列事实均可由该文件验证。";
  private static final String AUTHORITY_EN =
      "The embedded certificate is authoritative; this page is its human-readable rendering, and"
          + " every fact on it can be checked against that file.";

  private final CertificateFacts facts;
  private final byte[] certificateJson;
  private final DocumentFonts fonts;

  private CertificatePage(CertificateFacts facts, byte[] certificateJson, DocumentFonts fonts) {
    this.facts = facts;
    this.certificateJson = certificateJson;
    this.fonts = fonts;
  }

  static byte[] render(CertificateFacts facts, byte[] certificateJson)
      throws DocumentException, IOException {
    byte[] digest = HexFormat.of().parseHex(facts.certificateDigest());
    return new CertificatePage(facts, certificateJson, DocumentFonts.forDocument(digest))
        .write(digest);
  }

  private byte[] write(byte[] digest) throws DocumentException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 18 * MM, 18 * MM, 16 * MM, 16 * MM);
    PdfWriter writer = PdfWriter.getInstance(document, out);
    // 1.7 rather than OpenPDF's default 2.0: court and archive software reads it everywhere.
    writer.setPdfVersion(PdfWriter.VERSION_1_7);
    describe(document, writer, digest);
    document.open();
    attachCertificate(writer);
    document.add(title());
    document.add(factsTable());
    document.add(verificationBlock());
    document.close();
    return out.toByteArray();
  }

  /**
   * Metadata, with every value a viewer or archive could read fixed by the certificate: the dates
   * are the deposit time, and the file identifier is the first 16 bytes of the certificate digest
   * (OpenPDF writes a {@code /FileID} entry of the information dictionary as the trailer's {@code
   * /ID}, and a random one otherwise).
   */
  private void describe(Document document, PdfWriter writer, byte[] digest) {
    document.addTitle("电子数据存证证书 / Electronic Data Deposit Certificate " + facts.depositId());
    document.addSubject(
        "Evidence deposit certificate for deposit "
            + facts.depositId()
            + " on chain "
            + facts.chainId());
    document.addKeywords(
        "chancery-evidence, deposit="
            + facts.depositId()
            + ", certificate="
            + facts.certificateDigest());
    document.addCreator("Chancery");
    document.addProducer("Chancery");
    PdfDate date = pdfDate();
    // Document.addCreationDate ignores its argument and stamps the current time; set it directly.
    writer.getInfo().put(PdfName.CREATIONDATE, date);
    document.addModificationDate(date);
    byte[] id = Arrays.copyOf(digest, 16);
    writer.getInfo().put(PdfName.FILEID, PdfEncryption.createInfoId(id, id));
  }

  private PdfDate pdfDate() {
    Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
    calendar.setTimeInMillis(facts.depositTime().toEpochMilli());
    return new PdfDate(calendar);
  }

  /**
   * The certificate as an embedded file in the EmbeddedFiles name tree (so viewers list it as an
   * attachment), stored as given: the verifier hashes exactly these bytes.
   */
  private void attachCertificate(PdfWriter writer) throws IOException {
    PdfDictionary params = new PdfDictionary();
    params.put(PdfName.MODDATE, pdfDate());
    PdfFileSpecification file =
        PdfFileSpecification.fileEmbedded(
            writer,
            null,
            CertificatePdf.ATTACHMENT_NAME,
            certificateJson,
            CertificatePdf.ATTACHMENT_MEDIA_TYPE,
            params,
            PdfStream.BEST_COMPRESSION);
    // PDF/A-3's way of saying the attachment is the data this page renders.
    file.put(new PdfName("AFRelationship"), new PdfName("Data"));
    file.addDescription("Chancery evidence certificate of deposit " + facts.depositId(), true);
    writer.addFileAttachment(CertificatePdf.ATTACHMENT_NAME, file);
    writer.getExtraCatalog().put(new PdfName("AF"), new PdfArray(file.getReference()));
  }

  private Element title() {
    Paragraph title = fonts.paragraph();
    title.setAlignment(Element.ALIGN_CENTER);
    title.add(fonts.phrase("电子数据存证证书\n", 20, INK, true));
    title.add(fonts.phrase("Electronic Data Deposit Certificate\n", 13, INK, true));
    title.add(
        fonts.phrase(
            "Chancery 联盟链 · Chancery consortium ledger · " + facts.chainId(), 8.5f, MUTED, false));
    return title;
  }

  private Element factsTable() throws DocumentException {
    PdfPTable table = new PdfPTable(new float[] {30, 70});
    table.setWidthPercentage(100);
    table.setSpacingBefore(5 * MM);
    table.setSpacingAfter(5 * MM);

    section(table, "存证文件", "Deposited file");
    row(table, "存证编号", "Deposit ID", facts.depositId());
    row(
        table,
        "文件名称",
        "File name",
        facts.fileName() == null ? "（未提供）(not given)" : facts.fileName());
    row(table, "存证说明", "Label", facts.label().isBlank() ? "—" : facts.label());
    row(table, "媒体类型", "Media type", facts.mediaType());
    row(table, "文件大小", "Size", String.format(Locale.ROOT, "%,d bytes（字节）", facts.size()));
    row(table, "文件摘要", "Digest (" + facts.hashAlgorithm() + ")", facts.digest());
    row(table, "存证时间", "Deposit time", DepositTimes.bothZones(facts.depositTime()));
    if (facts.previousDepositId() != null) {
      row(table, "前序存证", "Previous deposit", facts.previousDepositId());
    }

    section(table, "存证人", "Depositor");
    row(
        table,
        "存证机构",
        "Organisation",
        facts.depositorOrganisationName() + " (" + facts.depositorOrganisation() + ")");
    row(table, "证书主体", "Certificate subject", facts.depositorSubject());
    row(table, "角色", "Role", facts.depositorRole());

    section(table, "链上记录", "Ledger record");
    row(table, "链标识", "Chain ID", facts.chainId());
    row(table, "创世哈希", "Genesis hash", facts.genesisHash());
    row(table, "区块高度", "Block height", Long.toString(facts.blockHeight()));
    row(table, "区块哈希", "Block hash", facts.blockHash());
    row(table, "交易编号", "Transaction ID", facts.txId());
    row(
        table,
        "签名验证节点",
        "Signing validators",
        String.join(", ", facts.signingValidators())
            + " ("
            + facts.signingValidators().size()
            + " of "
            + facts.validatorCount()
            + ")");
    return table;
  }

  private void section(PdfPTable table, String chinese, String english) {
    PdfPCell cell = new PdfPCell(fonts.phrase(chinese + "  " + english, 9.5f, INK, true));
    cell.setColspan(2);
    cell.setBackgroundColor(SECTION);
    cell.setBorder(Rectangle.NO_BORDER);
    cell.setPaddingTop(3.5f);
    cell.setPaddingBottom(5f);
    cell.setPaddingLeft(4f);
    table.addCell(cell);
  }

  private void row(PdfPTable table, String chinese, String english, String value) {
    Paragraph label = fonts.paragraph();
    label.add(fonts.phrase(chinese + "\n", 9, INK, false));
    label.add(fonts.phrase(english, 7.5f, MUTED, false));
    PdfPCell labelCell = new PdfPCell(label);
    ruled(labelCell);
    table.addCell(labelCell);

    PdfPCell valueCell =
        new PdfPCell(
            isHex(value)
                ? fonts.phrase(hexLines(value, 64), 8.5f, INK, false)
                : fonts.phrase(value, 9.5f, INK, false));
    ruled(valueCell);
    valueCell.setVerticalAlignment(Element.ALIGN_MIDDLE);
    table.addCell(valueCell);
  }

  private static void ruled(PdfPCell cell) {
    cell.setBorder(Rectangle.BOTTOM);
    cell.setBorderColor(RULE);
    cell.setBorderWidth(0.5f);
    cell.setPaddingTop(3f);
    cell.setPaddingBottom(5f);
    cell.setPaddingLeft(4f);
    cell.setPaddingRight(4f);
  }

  private Element verificationBlock() throws DocumentException {
    PdfPTable block = new PdfPTable(new float[] {60, 40});
    block.setWidthPercentage(100);
    block.setKeepTogether(true);

    Paragraph how = fonts.paragraph();
    how.setLeading(0, 1.35f);
    how.add(fonts.phrase("如何验证  How to verify\n", 9.5f, INK, true));
    how.add(fonts.phrase(VERIFY_ZH + "\n", 8.5f, INK, false));
    how.add(fonts.phrase(VERIFY_EN + "\n", 8.5f, INK, false));
    how.add(fonts.phrase(VERIFY_COMMAND + "\n\n", 8f, INK, true));
    how.add(fonts.phrase(AUTHORITY_ZH + "\n", 7.5f, MUTED, false));
    how.add(fonts.phrase(AUTHORITY_EN, 7.5f, MUTED, false));
    PdfPCell text = new PdfPCell();
    text.addElement(how);
    text.setBorder(Rectangle.NO_BORDER);
    text.setPaddingRight(6 * MM);
    block.addCell(text);

    PdfPTable code = new PdfPTable(1);
    code.setWidthPercentage(100);
    PdfPCell image = new PdfPCell(qrImage(), false);
    image.setHorizontalAlignment(Element.ALIGN_CENTER);
    image.setBorder(Rectangle.NO_BORDER);
    code.addCell(image);
    PdfPCell digestLabel =
        new PdfPCell(fonts.phrase("证书摘要  Certificate digest", 7.5f, MUTED, false));
    digestLabel.setHorizontalAlignment(Element.ALIGN_CENTER);
    digestLabel.setBorder(Rectangle.NO_BORDER);
    digestLabel.setPaddingTop(2f);
    code.addCell(digestLabel);
    PdfPCell digest =
        new PdfPCell(fonts.phrase(hexLines(facts.certificateDigest(), 32), 7.5f, INK, false));
    digest.setHorizontalAlignment(Element.ALIGN_CENTER);
    digest.setBorder(Rectangle.NO_BORDER);
    code.addCell(digest);
    PdfPCell codeCell = new PdfPCell(code);
    codeCell.setBorder(Rectangle.NO_BORDER);
    block.addCell(codeCell);
    return block;
  }

  /**
   * A hash or id in hex, which is printed smaller and broken into lines of equal length: OpenPDF
   * would break a space-less string wherever the cell ends, leaving a stray digit on a line.
   */
  private static boolean isHex(String value) {
    return value.length() >= 32 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static String hexLines(String hex, int perLine) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < hex.length(); i += perLine) {
      if (i > 0) {
        lines.append('\n');
      }
      lines.append(hex, i, Math.min(hex.length(), i + perLine));
    }
    return lines.toString();
  }

  /**
   * The QR code as a grey image, one pixel per module with a four-module quiet zone, scaled to 35
   * mm. Drawing it as an image (rather than as rectangles) lets a test, or a tool, read it back
   * from the page resources.
   */
  private Image qrImage() throws DocumentException {
    BitMatrix matrix;
    try {
      matrix =
          new QRCodeWriter()
              .encode(
                  CertificateQr.payload(facts.depositId(), facts.certificateDigest()),
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4));
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "the deposit id is too long to fit in a QR code: " + facts.depositId().length(), e);
    }
    int width = matrix.getWidth();
    int height = matrix.getHeight();
    // 8-bit grey, which OpenPDF Flate-compresses to a few hundred bytes. (Given 1-bit data it
    // would switch to CCITT G4, which few PDF libraries, OpenPDF's reader included, can decode.)
    byte[] pixels = new byte[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        pixels[y * width + x] = matrix.get(x, y) ? (byte) 0x00 : (byte) 0xff;
      }
    }
    Image image = Image.getInstance(width, height, 1, 8, pixels);
    image.scaleAbsolute(QR_SIZE, QR_SIZE);
    image.setInterpolation(false);
    return image;
  }
}
