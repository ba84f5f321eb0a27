package org.chancery.consensus.wal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Framing of WAL records in a file: {@code length:i32 crc32c:i32 payload}, where the length counts
 * the payload and the CRC-32C covers it ({@link WalCodec} encodes the payload). Records follow each
 * other with nothing in between.
 *
 * <p>Reading tells a torn tail from damage. Appends are sequential and each is synced before the
 * next begins, so a crash can tear only the last record. If a bad record is the last thing in the
 * file it is a torn tail, safe to cut off (that append never returned, so its message was never
 * sent). If a good record follows a bad one anywhere later in the file, the bad one was once
 * complete: cutting it would forget messages that may have been sent, so reading fails instead.
 */
final class WalRecords {
  static final int HEADER_BYTES = 8;

  /** Far above any real entry; a larger length field is corrupt, not an allocation request. */
  static final int MAX_PAYLOAD_BYTES = 1 << 20;

  private WalRecords() {}

  /**
   * What a file holds.
   *
   * @param entries the entries of its good records, in order
   * @param validLength the length of the good prefix; anything after it is a torn tail
   * @param fileLength the length read
   */
  record Scan(List<WalEntry> entries, long validLength, long fileLength) {
    Scan {
      entries = List.copyOf(entries);
    }

    long tornBytes() {
      return fileLength - validLength;
    }
  }

  static byte[] frame(WalEntry entry) {
    byte[] payload = WalCodec.encode(entry);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return ByteBuffer.allocate(HEADER_BYTES + payload.length)
        .putInt(payload.length)
        .putInt((int) crc.getValue())
        .put(payload)
        .array();
  }

  /**
   * @throws WalException if the file is damaged before its last record
   */
  static Scan scan(byte[] file) {
    List<WalEntry> entries = new ArrayList<>();
    int offset = 0;
    while (offset < file.length) {
      Optional<Read> read = readAt(file, offset);
      if (read.isEmpty()) {
        for (int later = offset + 1; later < file.length; later++) {
          if (readAt(file, later).isPresent()) {
            throw new WalException(
                "WAL record at byte "
                    + offset
                    + " is corrupt but a good record follows at byte "
                    + later
                    + ": the log is damaged, not torn by a crash, and cutting it could forget"
                    + " messages already sent; restore the WAL or investigate before signing again");
          }
        }
        break;
      }
      entries.add(read.get().entry());
      offset = read.get().next();
    }
    return new Scan(entries, offset, file.length);
  }

  private record Read(WalEntry entry, int next) {}

  private static Optional<Read> readAt(byte[] file, int offset) {
    if (file.length - offset < HEADER_BYTES) {
      return Optional.empty();
    }
    ByteBuffer header = ByteBuffer.wrap(file, offset, HEADER_BYTES);
    int length = header.getInt();
    int expectedCrc = header.getInt();
    if (length <= 0 || length > MAX_PAYLOAD_BYTES || length > file.length - offset - HEADER_BYTES) {
      return Optional.empty();
    }
    CRC32C crc = new CRC32C();
    crc.update(file, offset + HEADER_BYTES, length);
    if ((int) crc.getValue() != expectedCrc) {
      return Optional.empty();
    }
    byte[] payload = new byte[length];
    System.arraycopy(file, offset + HEADER_BYTES, payload, 0, length);
    try {
      return Optional.of(new Read(WalCodec.decode(payload), offset + HEADER_BYTES + length));
    } catch (WalException e) {
      // A torn write fails the CRC; a record that passes it but does not decode was written so
      // (by a newer format, say), and cutting it would forget what it records.
      throw new WalException(
          "WAL record at byte " + offset + " is intact but unreadable: " + e.getMessage(), e);
    }
  }
}
