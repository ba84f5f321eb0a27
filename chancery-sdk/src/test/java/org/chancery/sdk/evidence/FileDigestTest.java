package org.chancery.sdk.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestTest {
  private static final CryptoSuite SM = CryptoSuite.byName("sm");

  /**
   * Computed independently of Chancery and of BouncyCastle, by OpenSSL 3.0: {@code truncate -s
   * 1073741825 f && openssl dgst -sm3 f}. Hashing the same gigabyte twice in the test would double
   * its time.
   */
  private static final String SM3_OF_ONE_GIB_AND_ONE_ZERO_BYTES =
      "b88eceddc24c8493114613d7dae40372ae7f35ad0477c4f32e1da8889ce2c776";

  @TempDir Path dir;

  @Test
  void hashesAFileAsTheSuiteHashesItsBytes() throws IOException {
    byte[] content = "abc".getBytes(StandardCharsets.US_ASCII);
    FileDigest d = FileDigest.of(SM, Files.write(dir.resolve("abc"), content));
    // GB/T 32905-2016, example A.1.
    assertThat(d.digest().hex())
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    assertThat(d.size()).isEqualTo(3);
  }

  @Test
  void hashesAcrossBufferBoundaries() throws IOException {
    byte[] content = new byte[FileDigest.BUFFER_SIZE * 2 + 17];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    CryptoSuite nist = CryptoSuite.byName("nist");
    FileDigest d = FileDigest.of(nist, Files.write(dir.resolve("f"), content));
    assertThat(d.digest()).isEqualTo(Bytes.of(nist.hash(content)));
    assertThat(d.size()).isEqualTo(content.length);
  }

  @Test
  void hashesAFileOverOneGibibyteInConstantMemory() throws IOException {
    long size = (1L << 30) + 1;
    Path file = dir.resolve("sparse.bin");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    FileDigest d = FileDigest.of(SM, file);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(d.size()).isEqualTo(size);
    assertThat(d.digest().hex()).isEqualTo(SM3_OF_ONE_GIB_AND_ONE_ZERO_BYTES);
    assertThat(allocated).as("bytes allocated while hashing").isLessThan(4L << 20);
  }
}
