package org.chancery.ledger.store;

import java.nio.ByteBuffer;

/** Big-endian key encodings, so that RocksDB's byte order is numeric order. */
public final class Keys {
  private Keys() {}

  public static byte[] height(long height) {
    return ByteBuffer.allocate(8).putLong(height).array();
  }

  public static long height(byte[] key) {
    return ByteBuffer.wrap(key).getLong();
  }

  public static byte[] heightAndIndex(long height, int index) {
    return ByteBuffer.allocate(12).putLong(height).putInt(index).array();
  }
}
