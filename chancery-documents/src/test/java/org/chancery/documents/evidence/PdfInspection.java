package org.chancery.documents.evidence;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openpdf.text.pdf.PRStream;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** Reads back what the tests check in a rendered PDF, with OpenPDF's reader. */
final class PdfInspection implements AutoCloseable {
  final PdfReader reader;

  PdfInspection(byte[] pdf) throws IOException {
    this.reader = new PdfReader(pdf);
  }

  String pageText(int page) throws IOException {
    return new PdfTextExtractor(reader).getTextFromPage(page);
  }

  PdfDictionary page(int page) {
    return reader.getPageN(page);
  }

  PdfDictionary info() {
    return reader.getTrailer().getAsDict(PdfName.INFO);
  }

  /** The fonts of a page's resources. */
  List<PdfDictionary> fonts(int page) {
    PdfDictionary fonts = page(page).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.FONT);
    List<PdfDictionary> result = new ArrayList<>();
    for (PdfName name : fonts.getKeys()) {
      result.add(fonts.getAsDict(name));
    }
    return result;
  }

  /** The font descriptor of a Type0 (CID) font, or of a simple font. */
  static PdfDictionary descriptor(PdfDictionary font) {
    PdfArray descendants = font.getAsArray(PdfName.DESCENDANTFONTS);
    PdfDictionary described =
        descendants == null
            ? font
            : (PdfDictionary) PdfReader.getPdfObject(descendants.getPdfObject(0));
    return described.getAsDict(PdfName.FONTDESCRIPTOR);
  }

  /** The image XObjects of a page. */
  List<PRStream> images(int page) {
    PdfDictionary xobjects = page(page).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.XOBJECT);
    List<PRStream> images = new ArrayList<>();
    if (xobjects == null) {
      return images;
    }
    for (PdfName name : xobjects.getKeys()) {
      PdfObject object = PdfReader.getPdfObject(xobjects.get(name));
      if (object instanceof PRStream stream
          && PdfName.IMAGE.equals(stream.getAsName(PdfName.SUBTYPE))) {
        images.add(stream);
      }
    }
    return images;
  }

  byte[] content(int page) throws IOException {
    return reader.getPageContent(page);
  }

  /**
   * The file specifications listed in the EmbeddedFiles name tree (a flat one, as OpenPDF writes).
   */
  List<PdfDictionary> embeddedFiles() {
    PdfDictionary names = reader.getCatalog().getAsDict(PdfName.NAMES);
    PdfDictionary tree = names == null ? null : names.getAsDict(PdfName.EMBEDDEDFILES);
    List<PdfDictionary> files = new ArrayList<>();
    if (tree == null) {
      return files;
    }
    PdfArray pairs = tree.getAsArray(PdfName.NAMES);
    for (int i = 1; i < pairs.size(); i += 2) {
      files.add((PdfDictionary) PdfReader.getPdfObject(pairs.getPdfObject(i)));
    }
    return files;
  }

  @Override
  public void close() {
    reader.close();
  }
}
