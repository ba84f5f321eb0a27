package org.chancery.crypto;

/** Copies of byte arrays with one change, for tamper-detection tests. */
public final class Tamper {
  private Tamper() {}

  /** A copy of {@code bytes} with bit {@code bit} (0 = lowest bit of byte 0) inverted. */
  public static byte[] flipBit(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  /** A copy of {@code bytes} with byte {@code index} replaced by {@code value}. */
  public static byte[] withByte(byte[] bytes, int index, int value) {
    byte[] copy = bytes.clone();
    copy[index] = (byte) value;
    return copy;
  }
}
