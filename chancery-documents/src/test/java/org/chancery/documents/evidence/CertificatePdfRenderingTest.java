package org.chancery.documents.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PRStream;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfReader;

class CertificatePdfRenderingTest {
  private static final CertificateFacts FACTS = SampleCertificates.facts();
  private static final byte[] PDF = CertificatePdf.render(FACTS, SampleCertificates.JSON);

  @Test
  void renderingTwiceGivesIdenticalBytes() {
    assertThat(CertificatePdf.render(FACTS, SampleCertificates.JSON)).isEqualTo(PDF);
  }

  @Test
  void differentCertificatesGiveDifferentBytes() {
    byte[] other = "{\"other\":true}".getBytes(StandardCharsets.UTF_8);
    assertThat(CertificatePdf.render(FACTS, other)).isNotEqualTo(PDF);
  }

  @Test
  void datesAreTheDepositTimeAndTheFileIdComesFromTheCertificateDigest() throws Exception {
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      PdfDictionary info = pdf.info();
      assertThat(info.getAsString(PdfName.CREATIONDATE).toString()).isEqualTo("D:20261204203703Z");
      assertThat(info.getAsString(PdfName.MODDATE).toString()).isEqualTo("D:20261204203703Z");
      PdfArray id = pdf.reader.getTrailer().getAsArray(PdfName.ID);
      byte[] expected =
          Arrays.copyOf(HexFormat.of().parseHex(SampleCertificates.CERTIFICATE_DIGEST), 16);
      assertThat(id.getAsString(0).getOriginalBytes()).isEqualTo(expected);
      assertThat(id.getAsString(1).getOriginalBytes()).isEqualTo(expected);
    }
  }

  @Test
  void isOneA4PageInPdf17() throws Exception {
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      assertThat(pdf.reader.getNumberOfPages()).isEqualTo(1);
      assertThat(pdf.reader.getPageSize(1).getWidth())
          .isEqualTo(595f, org.assertj.core.data.Offset.offset(1f));
      assertThat(pdf.reader.getPageSize(1).getHeight())
          .isEqualTo(842f, org.assertj.core.data.Offset.offset(1f));
      assertThat(new String(PDF, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
    }
  }

  @Test
  void metadataNamesTheDepositAndTheCertificateDigest() throws Exception {
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      PdfDictionary info = pdf.info();
      assertThat(info.getAsString(PdfName.TITLE).toUnicodeString())
          .contains("电子数据存证证书", "Electronic Data Deposit Certificate", FACTS.depositId());
      assertThat(info.getAsString(PdfName.SUBJECT).toUnicodeString()).contains(FACTS.depositId());
      assertThat(info.getAsString(PdfName.KEYWORDS).toUnicodeString())
          .contains(FACTS.depositId(), FACTS.certificateDigest());
      assertThat(info.getAsString(PdfName.PRODUCER).toUnicodeString()).isEqualTo("Chancery");
    }
  }

  @Test
  void pageTextCarriesTheFactsWithChineseAndEnglishLabels() throws Exception {
    String text;
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      text = pdf.pageText(1);
    }
    String joined = text.replaceAll("\\s+", "");
    assertThat(text)
        .contains(
            "Electronic Data Deposit Certificate",
            "Deposit ID",
            "File name",
            "Media type",
            "Deposit time",
            "Block height",
            "Block hash",
            "Transaction ID",
            "Signing validators",
            "Genesis hash",
            "Previous deposit",
            FACTS.depositId(),
            "dep-40aa17c2",
            "application/pdf",
            "1,482,903 bytes",
            "4211",
            "node1, node2, node3 (3 of 4)",
            "2026-12-04 20:37:03 UTC / 2026-12-05 04:37:03 CST (UTC+08:00)",
            "chancery verify --genesis genesis.json this.pdf",
            "evidence-certificate.json");
    assertThat(text).contains("电子数据存证证书", "存证编号", "区块高度", "租赁合同-lease.pdf");
    // Hex values are printed in lines of equal length; the digits are all there, in order.
    assertThat(joined)
        .contains(
            FACTS.digest(),
            FACTS.blockHash(),
            FACTS.genesisHash(),
            FACTS.txId(),
            FACTS.certificateDigest(),
            "Digest(SM3)");
  }

  @Test
  void withoutAPreviousDepositThereIsNoSuchRow() throws Exception {
    CertificateFacts first = withPreviousDeposit(null);
    try (PdfInspection pdf =
        new PdfInspection(CertificatePdf.render(first, SampleCertificates.JSON))) {
      assertThat(pdf.pageText(1)).doesNotContain("Previous deposit").contains("Deposit ID");
    }
  }

  @Test
  void everyFontIsEmbeddedAndChineseIsSetInDroidSansFallback() throws Exception {
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      List<PdfDictionary> fonts = pdf.fonts(1);
      assertThat(fonts).isNotEmpty();
      for (PdfDictionary font : fonts) {
        assertThat(font.getAsName(PdfName.ENCODING)).isEqualTo(new PdfName("Identity-H"));
        assertThat(font.get(PdfName.TOUNICODE)).isNotNull();
        assertThat(PdfInspection.descriptor(font).get(PdfName.FONTFILE2)).isNotNull();
      }
      assertThat(fonts)
          .extracting(f -> f.getAsName(PdfName.BASEFONT).toString())
          .anyMatch(name -> name.matches("/[A-Z]{6}\\+DroidSansFallback"))
          .anyMatch(name -> name.matches("/[A-Z]{6}\\+NotoSans-Regular"));
    }
  }

  @Test
  void fontsAreSubsetsSoThePdfStaysSmall() {
    assertThat(PDF.length).isLessThan(200_000);
  }

  @Test
  void qrCodeDecodesToThePayload() throws Exception {
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      List<PRStream> images = pdf.images(1);
      assertThat(images).hasSize(1);
      Result qr = decodeQr(images.get(0));
      assertThat(qr.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL))
          .isEqualTo("M");
      assertThat(qr.getText())
          .isEqualTo(
              "chancery-evidence:v1?deposit=dep-5c1e0a9b&certificate="
                  + SampleCertificates.CERTIFICATE_DIGEST);
    }
  }

  @Test
  void qrCodeIsPrinted35MillimetresWide() throws Exception {
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      String content = new String(pdf.content(1), StandardCharsets.ISO_8859_1);
      Matcher placement =
          Pattern.compile("([\\d.]+) 0 0 ([\\d.]+) [\\d.]+ [\\d.]+ cm\\s*/\\w+ Do")
              .matcher(content);
      assertThat(placement.find()).isTrue();
      float widthMillimetres = Float.parseFloat(placement.group(1)) * 25.4f / 72f;
      assertThat(widthMillimetres).isBetween(34.5f, 35.5f);
    }
  }

  @Test
  void certificateIsAnEmbeddedJsonFileListedInTheNameTree() throws Exception {
    try (PdfInspection pdf = new PdfInspection(PDF)) {
      List<PdfDictionary> files = pdf.embeddedFiles();
      assertThat(files).hasSize(1);
      PdfDictionary file = files.get(0);
      assertThat(file.getAsString(PdfName.UF).toUnicodeString())
          .isEqualTo("evidence-certificate.json");
      PRStream stream =
          (PRStream) PdfReader.getPdfObject(file.getAsDict(PdfName.EF).get(PdfName.F));
      assertThat(stream.getAsName(PdfName.SUBTYPE)).isEqualTo(new PdfName("application/json"));
      assertThat(PdfReader.getStreamBytes(stream)).isEqualTo(SampleCertificates.JSON);
    }
  }

  @Test
  void charactersNoFontHasArePrintedAsCodePoints() throws Exception {
    CertificateFacts emoji =
        SampleCertificates.facts("合同 \uD83D\uDE00 signed\u0007", "photo-\uD83D\uDCF7.jpg");
    byte[] pdf = CertificatePdf.render(emoji, SampleCertificates.JSON);
    try (PdfInspection inspection = new PdfInspection(pdf)) {
      assertThat(inspection.pageText(1))
          .contains("[U+1F600] signed[U+0007]", "photo-[U+1F4F7].jpg", "合同");
    }
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(SampleCertificates.JSON);
  }

  @Test
  void aVeryLongLabelFlowsOntoMorePagesAndStillRoundTrips() throws Exception {
    String label = "长标签 long label ".repeat(400);
    byte[] pdf =
        CertificatePdf.render(SampleCertificates.facts(label, null), SampleCertificates.JSON);
    try (PdfInspection inspection = new PdfInspection(pdf)) {
      assertThat(inspection.reader.getNumberOfPages()).isGreaterThan(1);
      assertThat(inspection.pageText(1)).contains("(not given)");
    }
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(SampleCertificates.JSON);
  }

  @Test
  void refusesACertificateOverTheBound() {
    byte[] huge = new byte[CertificatePdf.MAX_CERTIFICATE_BYTES + 1];
    assertThatThrownBy(() -> CertificatePdf.render(FACTS, huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16777217 bytes");
  }

  @Test
  void embedsACopySoLaterChangesToTheCallersArrayDoNotLeakIn() {
    byte[] json = SampleCertificates.JSON.clone();
    byte[] pdf = CertificatePdf.render(FACTS, json);
    json[0] = 'X';
    assertThat(CertificatePdf.extractCertificate(pdf)).isEqualTo(SampleCertificates.JSON);
  }

  private static CertificateFacts withPreviousDeposit(String previous) {
    CertificateFacts f = FACTS;
    return new CertificateFacts(
        f.depositId(),
        f.digest(),
        f.hashAlgorithm(),
        f.size(),
        f.mediaType(),
        f.fileName(),
        f.label(),
        previous,
        f.depositTime(),
        f.depositorOrganisation(),
        f.depositorOrganisationName(),
        f.depositorSubject(),
        f.depositorRole(),
        f.chainId(),
        f.genesisHash(),
        f.blockHeight(),
        f.blockHash(),
        f.txId(),
        f.signingValidators(),
        f.validatorCount(),
        f.certificateDigest());
  }

  /**
   * Decodes an 8-bit grey image XObject as a QR code. Each module is one pixel in the PDF; it is
   * scaled up here so that the detector sees modules several pixels wide, as it would in a scan.
   */
  static Result decodeQr(PRStream image) throws Exception {
    int width = image.getAsNumber(PdfName.WIDTH).intValue();
    int height = image.getAsNumber(PdfName.HEIGHT).intValue();
    assertThat(image.getAsNumber(PdfName.BITSPERCOMPONENT).intValue()).isEqualTo(8);
    assertThat(image.getAsName(PdfName.COLORSPACE)).isEqualTo(PdfName.DEVICEGRAY);
    byte[] grey = PdfReader.getStreamBytes(image);
    assertThat(grey).hasSize(width * height);
    int scale = 4;
    BufferedImage scan =
        new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height * scale; y++) {
      for (int x = 0; x < width * scale; x++) {
        int g = grey[(y / scale) * width + x / scale] & 0xff;
        scan.setRGB(x, y, g << 16 | g << 8 | g);
      }
    }
    int[] pixels = scan.getRGB(0, 0, scan.getWidth(), scan.getHeight(), null, 0, scan.getWidth());
    RGBLuminanceSource source = new RGBLuminanceSource(scan.getWidth(), scan.getHeight(), pixels);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
  }
}
