package org.chancery.documents.evidence;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import org.openpdf.text.Chunk;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;

/**
 * The fonts of one PDF, read from this module's class path (never from the system), embedded as
 * Identity-H subsets. Latin text is set in Noto Sans and Chinese in Droid Sans Fallback, which has
 * no Latin letters of its own; see {@code fonts/README.md} for their origin and licences.
 *
 * <p>One instance per document: OpenPDF records on the {@link BaseFont} which glyphs a document
 * used, and the subset tag comes from the random source given here.
 */
final class DocumentFonts {
  static final String RESOURCE_DIRECTORY = "/org/chancery/documents/fonts/";
  static final String CJK_FILE = "DroidSansFallbackFull-subset.ttf";
  static final String LATIN_FILE = "NotoSans-Regular-subset.ttf";
  static final String LATIN_BOLD_FILE = "NotoSans-Bold-subset.ttf";

  private final BaseFont latin;
  private final BaseFont latinBold;
  private final BaseFont cjk;

  private DocumentFonts(BaseFont latin, BaseFont latinBold, BaseFont cjk) {
    this.latin = latin;
    this.latinBold = latinBold;
    this.cjk = cjk;
  }

  /**
   * Fonts whose subset tags (the {@code ABCDEF+} before a font's name) derive from {@code seed}, so
   * that the same document gives the same bytes.
   */
  static DocumentFonts forDocument(byte[] seed) throws DocumentException, IOException {
    return new DocumentFonts(
        load(LATIN_FILE, FontFiles.LATIN, seed),
        load(LATIN_BOLD_FILE, FontFiles.LATIN_BOLD, seed),
        load(CJK_FILE, FontFiles.CJK, seed));
  }

  private static BaseFont load(String name, byte[] file, byte[] seed)
      throws DocumentException, IOException {
    BaseFont font =
        BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, file, null);
    font.setSubset(true);
    font.setSecureRandom(new ReproducibleRandom(seed, name));
    return font;
  }

  /**
   * An empty paragraph whose own font (used for its spacing and empty lines) is the embedded Latin
   * one rather than OpenPDF's default, Helvetica, which would be referenced without being embedded.
   */
  Paragraph paragraph() {
    Paragraph paragraph = new Paragraph();
    paragraph.setFont(new Font(latin, 9, Font.NORMAL));
    return paragraph;
  }

  /**
   * {@code text} as a phrase in these fonts: each character in the first font that has it. A
   * character that no font has (an emoji, a control character) is printed as its code point, {@code
   * [U+1F600]}, so that the page never silently differs from the certificate.
   */
  Phrase phrase(String text, float size, Color color, boolean bold) {
    Font latinFont = new Font(bold ? latinBold : latin, size, Font.NORMAL, color);
    // Droid has no bold face; OpenPDF then strokes the outline, which matches Noto Bold well.
    Font cjkFont = new Font(cjk, size, bold ? Font.BOLD : Font.NORMAL, color);
    Phrase phrase = new Phrase();
    StringBuilder run = new StringBuilder();
    Font runFont = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      Font font;
      String glyphs;
      if (cp == '\n' || latin.charExists(cp) && !Character.isISOControl(cp)) {
        font = latinFont;
        glyphs = Character.toString(cp);
      } else if (cjk.charExists(cp) && !Character.isISOControl(cp)) {
        font = cjkFont;
        glyphs = Character.toString(cp);
      } else {
        font = latinFont;
        glyphs = String.format(Locale.ROOT, "[U+%04X]", cp);
      }
      if (font != runFont && !run.isEmpty()) {
        phrase.add(new Chunk(run.toString(), runFont));
        run.setLength(0);
      }
      runFont = font;
      run.append(glyphs);
    }
    if (!run.isEmpty()) {
      phrase.add(new Chunk(run.toString(), runFont));
    }
    return phrase;
  }

  /** The font files, read once: about 2.9 MB that every document shares and nobody writes to. */
  private static final class FontFiles {
    static final byte[] LATIN = read(LATIN_FILE);
    static final byte[] LATIN_BOLD = read(LATIN_BOLD_FILE);
    static final byte[] CJK = read(CJK_FILE);

    private static byte[] read(String file) {
      String resource = RESOURCE_DIRECTORY + file;
      try (InputStream in = DocumentFonts.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "font "
                  + resource
                  + " is missing from the class path; the chancery-documents jar is incomplete,"
                  + " rebuild it");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read font " + resource, e);
      }
    }
  }

  /**
   * A fixed byte stream for OpenPDF's font subset tags, which it otherwise draws from a fresh
   * {@link SecureRandom} and so makes every rendering differ. The tag only has to tell subsets
   * apart within one file; nothing secret is drawn from here.
   */
  private static final class ReproducibleRandom extends SecureRandom {
    private final byte[] seed;
    private long counter;

    ReproducibleRandom(byte[] seed, String name) {
      this.seed = sha256(seed, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      for (int filled = 0; filled < bytes.length; ) {
        byte[] block = sha256(seed, longBytes(counter++));
        int n = Math.min(block.length, bytes.length - filled);
        System.arraycopy(block, 0, bytes, filled, n);
        filled += n;
      }
    }

    private static byte[] longBytes(long value) {
      byte[] bytes = new byte[Long.BYTES];
      for (int i = 0; i < Long.BYTES; i++) {
        bytes[i] = (byte) (value >>> (8 * (Long.BYTES - 1 - i)));
      }
      return bytes;
    }

    private static byte[] sha256(byte[] a, byte[] b) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(a);
        digest.update(b);
        return digest.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }
}
