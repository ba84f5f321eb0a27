package org.chancery.sdk.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;

/**
 * A file's digest in a chain's suite (SM3 or SHA-256), read in fixed-size chunks so that a file of
 * any size is hashed in constant memory: a deposit of a 50 GB video costs 64 KiB of heap.
 *
 * <pre>{@code
 * FileDigest d = FileDigest.of(CryptoSuite.byName("sm"), Path.of("lease.pdf"));
 * System.out.println(d.digest().hex() + "  " + d.size() + " bytes");
 * }</pre>
 *
 * @param digest the suite's hash of the file's bytes
 * @param size the number of bytes hashed
 */
public record FileDigest(Bytes digest, long size) {
  /** Bytes read at a time. */
  public static final int BUFFER_SIZE = 64 * 1024;

  public FileDigest {
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * Hashes {@code file} with {@code suite}.
   *
   * @throws IOException if the file cannot be read
   */
  public static FileDigest of(CryptoSuite suite, Path file) throws IOException {
    Objects.requireNonNull(suite, "suite");
    try (InputStream in = Files.newInputStream(file)) {
      return of(suite, in);
    }
  }

  /**
   * Hashes what {@code in} yields until its end; the caller closes it.
   *
   * @throws IOException if reading fails
   */
  public static FileDigest of(CryptoSuite suite, InputStream in) throws IOException {
    CryptoSuite.Hasher hasher = suite.newHasher();
    byte[] buffer = new byte[BUFFER_SIZE];
    long size = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      hasher.update(buffer, 0, n);
      size += n;
    }
    return new FileDigest(Bytes.of(hasher.digest()), size);
  }
}
