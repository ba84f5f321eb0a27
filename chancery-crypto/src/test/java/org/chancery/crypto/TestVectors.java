package org.chancery.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Reads the known-answer files under {@code src/test/resources/vectors} (see its README for where
 * each came from) from the classpath, and converts the hex the tests quote.
 */
public final class TestVectors {
  private TestVectors() {}

  /** The text of {@code /vectors/<name>} on the test classpath. */
  public static String text(String name) {
    String path = "/vectors/" + name;
    try (InputStream in = TestVectors.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The parts one after the other. */
  public static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
