package org.chancery.documents.evidence;

import static org.chancery.documents.evidence.CertificatePdf.ATTACHMENT_NAME;
import static org.chancery.documents.evidence.CertificatePdf.MAX_CERTIFICATE_BYTES;
import static org.chancery.documents.evidence.CertificatePdf.MAX_PDF_BYTES;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.chancery.documents.evidence.CertificatePdfException.Reason;
import org.openpdf.text.exceptions.BadPasswordException;
import org.openpdf.text.pdf.PRStream;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfNumber;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfStream;
import org.openpdf.text.pdf.PdfString;

/**
 * Finds the certificate in a PDF's EmbeddedFiles name tree and decodes it, within bounds. It reads
 * the attachment only: whether the bytes are a valid certificate, and whether they belong to this
 * page, is the verifier's question.
 */
final class CertificateAttachmentReader {
  /** PDF readers accept the header anywhere in the first 1024 bytes; so do we. */
  private static final int HEADER_WINDOW = 1024;

  private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  /** Bounds on the name tree walk, so that a crafted tree cannot loop or recurse without end. */
  private static final int MAX_TREE_DEPTH = 32;

  private static final int MAX_TREE_NODES = 10_000;

  private static final String FIX_DAMAGED =
      " Ask the sender for the PDF again, or read the certificate JSON from the node's API.";

  private CertificateAttachmentReader() {}

  static byte[] extract(byte[] pdf) {
    if (pdf.length > MAX_PDF_BYTES) {
      throw new CertificatePdfException(
          Reason.PDF_TOO_LARGE,
          "The file is "
              + pdf.length
              + " bytes; an evidence certificate PDF is at most "
              + MAX_PDF_BYTES
              + " bytes (a rendered certificate is well under 1 MiB). Check that this is the"
              + " certificate PDF and not the deposited file itself.");
    }
    if (!hasPdfHeader(pdf)) {
      throw new CertificatePdfException(
          Reason.NOT_A_PDF,
          "The file is not a PDF: it has no '%PDF-' header in its first "
              + HEADER_WINDOW
              + " bytes. Pass the evidence certificate PDF (for a JSON certificate, pass the"
              + " .json file instead).");
    }
    PdfReader reader = open(pdf);
    try {
      PdfStream stream = findCertificateStream(reader);
      return decode(stream);
    } catch (CertificatePdfException e) {
      throw e;
    } catch (RuntimeException | IOException | StackOverflowError e) {
      throw damaged(e);
    } finally {
      reader.close();
    }
  }

  private static PdfReader open(byte[] pdf) {
    try {
      return new PdfReader(pdf);
    } catch (BadPasswordException e) {
      throw new CertificatePdfException(
          Reason.ENCRYPTED_PDF,
          "The PDF is password-protected, and Chancery does not encrypt its certificates: this"
              + " PDF was re-saved by another program. Ask for the PDF exactly as the node issued"
              + " it.",
          e);
    } catch (RuntimeException | IOException | StackOverflowError e) {
      // OpenPDF reports damage in many ways (IOException subtypes, ExceptionConverter, and plain
      // runtime exceptions from its parser); a nesting bomb can exhaust the stack. Each of them
      // means the same thing to the caller.
      throw damaged(e);
    }
  }

  private static CertificatePdfException damaged(Throwable cause) {
    return new CertificatePdfException(
        Reason.MALFORMED_PDF,
        "The PDF is damaged and cannot be read ("
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
            + ")."
            + FIX_DAMAGED,
        cause);
  }

  private static boolean hasPdfHeader(byte[] pdf) {
    int last = Math.min(pdf.length, HEADER_WINDOW) - HEADER.length;
    for (int start = 0; start <= last; start++) {
      int i = 0;
      while (i < HEADER.length && pdf[start + i] == HEADER[i]) {
        i++;
      }
      if (i == HEADER.length) {
        return true;
      }
    }
    return false;
  }

  private static PdfStream findCertificateStream(PdfReader reader) {
    PdfDictionary catalog = reader.getCatalog();
    if (catalog == null) {
      throw damaged(new IOException("no document catalog"));
    }
    PdfDictionary names = catalog.getAsDict(PdfName.NAMES);
    PdfDictionary tree = names == null ? null : names.getAsDict(PdfName.EMBEDDEDFILES);
    List<PdfDictionary> matches = new ArrayList<>();
    if (tree != null) {
      collect(tree, 0, Collections.newSetFromMap(new IdentityHashMap<>()), new int[] {0}, matches);
    }
    if (matches.isEmpty()) {
      throw new CertificatePdfException(
          Reason.NO_CERTIFICATE_ATTACHMENT,
          "The PDF has no embedded file named '"
              + ATTACHMENT_NAME
              + "', so it is not a Chancery evidence certificate, or a program that re-saved it"
              + " dropped its attachments. Use the PDF exactly as the node issued it.");
    }
    if (matches.size() > 1) {
      throw new CertificatePdfException(
          Reason.SEVERAL_CERTIFICATE_ATTACHMENTS,
          "The PDF has "
              + matches.size()
              + " embedded files named '"
              + ATTACHMENT_NAME
              + "'; Chancery writes exactly one, so this PDF was altered and it is ambiguous"
              + " which certificate it carries. Use the PDF exactly as the node issued it.");
    }
    PdfDictionary embedded = matches.get(0).getAsDict(PdfName.EF);
    PdfObject stream = embedded == null ? null : embeddedStream(embedded);
    if (stream == null || !stream.isStream()) {
      throw damaged(
          new IOException("the file specification of '" + ATTACHMENT_NAME + "' has no stream"));
    }
    return (PdfStream) stream;
  }

  private static PdfObject embeddedStream(PdfDictionary embedded) {
    PdfObject stream = PdfReader.getPdfObject(embedded.get(PdfName.UF));
    return stream != null ? stream : PdfReader.getPdfObject(embedded.get(PdfName.F));
  }

  /** Walks one name tree node: its {@code /Names} pairs, then its {@code /Kids}. */
  private static void collect(
      PdfDictionary node,
      int depth,
      Set<PdfDictionary> seen,
      int[] visited,
      List<PdfDictionary> matches) {
    if (!seen.add(node)) {
      throw damaged(new IOException("the EmbeddedFiles name tree has a cycle"));
    }
    if (depth > MAX_TREE_DEPTH || ++visited[0] > MAX_TREE_NODES) {
      throw damaged(new IOException("the EmbeddedFiles name tree is too deep or too large"));
    }
    PdfArray pairs = node.getAsArray(PdfName.NAMES);
    if (pairs != null) {
      for (int i = 1; i < pairs.size(); i += 2) {
        PdfObject value = PdfReader.getPdfObject(pairs.getPdfObject(i));
        if (value != null && value.isDictionary() && isCertificate((PdfDictionary) value)) {
          matches.add((PdfDictionary) value);
        }
      }
    }
    PdfArray kids = node.getAsArray(PdfName.KIDS);
    if (kids != null) {
      for (int i = 0; i < kids.size(); i++) {
        PdfObject kid = PdfReader.getPdfObject(kids.getPdfObject(i));
        if (kid != null && kid.isDictionary()) {
          collect((PdfDictionary) kid, depth + 1, seen, visited, matches);
        }
      }
    }
  }

  /** A file specification names the certificate by its Unicode name, or else by its plain one. */
  private static boolean isCertificate(PdfDictionary fileSpecification) {
    PdfString name = fileSpecification.getAsString(PdfName.UF);
    if (name == null) {
      name = fileSpecification.getAsString(PdfName.F);
    }
    return name != null && ATTACHMENT_NAME.equals(name.toUnicodeString());
  }

  /**
   * The stream's bytes, stored plain or Flate-compressed (what Chancery and every common PDF writer
   * produce). The size bound holds while inflating, so a small stream that would inflate to
   * gigabytes is refused before it is.
   */
  private static byte[] decode(PdfStream stream) throws IOException {
    PdfNumber declared =
        stream.getAsDict(PdfName.PARAMS) == null
            ? null
            : stream.getAsDict(PdfName.PARAMS).getAsNumber(PdfName.SIZE);
    if (declared != null && declared.doubleValue() > MAX_CERTIFICATE_BYTES) {
      throw tooLarge();
    }
    if (!(stream instanceof PRStream pr)) {
      throw damaged(new IOException("the attachment is not a stream read from the file"));
    }
    byte[] raw = PdfReader.getStreamBytesRaw(pr);
    PdfObject filter = PdfReader.getPdfObject(stream.get(PdfName.FILTER));
    if (filter != null && filter.isArray()) {
      PdfArray filters = (PdfArray) filter;
      if (filters.size() > 1) {
        throw unsupported("a chain of " + filters.size() + " filters");
      }
      filter = filters.isEmpty() ? null : PdfReader.getPdfObject(filters.getPdfObject(0));
    }
    if (filter == null) {
      if (raw.length > MAX_CERTIFICATE_BYTES) {
        throw tooLarge();
      }
      return raw;
    }
    if (!PdfName.FLATEDECODE.equals(filter)) {
      throw unsupported("the filter " + filter);
    }
    if (PdfReader.getPdfObject(stream.get(PdfName.DECODEPARMS)) != null) {
      throw unsupported("FlateDecode with decode parameters (a predictor)");
    }
    return inflate(raw);
  }

  private static byte[] inflate(byte[] raw) {
    if (raw.length == 0) {
      // OpenPDF writes an empty attachment as an empty stream, Flate filter and all.
      return raw;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(raw);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0
            && !inflater.finished()
            && (inflater.needsInput() || inflater.needsDictionary())) {
          throw damaged(new IOException("the attachment's compressed data ends early"));
        }
        if (out.size() + n > MAX_CERTIFICATE_BYTES) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw damaged(e);
    } finally {
      inflater.end();
    }
  }

  private static CertificatePdfException tooLarge() {
    return new CertificatePdfException(
        Reason.ATTACHMENT_TOO_LARGE,
        "The embedded '"
            + ATTACHMENT_NAME
            + "' is larger than "
            + MAX_CERTIFICATE_BYTES
            + " bytes; a Chancery certificate is a few kilobytes, so this attachment is not one."
            + " Use the PDF exactly as the node issued it.");
  }

  private static CertificatePdfException unsupported(String what) {
    return new CertificatePdfException(
        Reason.UNSUPPORTED_ATTACHMENT_ENCODING,
        "The embedded '"
            + ATTACHMENT_NAME
            + "' is stored with "
            + what
            + ", which Chancery does not write or read (it reads plain or FlateDecode streams);"
            + " a program re-encoded the PDF. Use the PDF exactly as the node issued it.");
  }
}
