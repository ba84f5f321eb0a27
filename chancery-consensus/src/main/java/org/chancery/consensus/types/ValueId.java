package org.chancery.consensus.types;

import java.nio.charset.StandardCharsets;
import org.chancery.core.Bytes;

/**
 * What consensus agrees on: the identifier of a proposed value, in Chancery the hash of a block
 * header. The core only compares ids; the node keeps the block itself.
 *
 * @param bytes the id, for a block its header hash
 */
public record ValueId(Bytes bytes) implements Comparable<ValueId> {

  public ValueId {
    if (bytes.isEmpty()) {
      throw new IllegalArgumentException("a value id must not be empty");
    }
  }

  /** An id from text, for tests and model traces where values are names such as "block". */
  public static ValueId ofText(String text) {
    return new ValueId(Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public int compareTo(ValueId other) {
    return bytes.compareTo(other.bytes);
  }

  @Override
  public String toString() {
    return bytes.hex();
  }
}
