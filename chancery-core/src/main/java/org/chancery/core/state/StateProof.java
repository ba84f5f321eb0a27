package org.chancery.core.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;

/**
 * A proof that, in the world state of block {@code height}, the key {@code (contract, key)} holds
 * {@code value} (inclusion) or holds nothing (non-inclusion). It is the path from the root of the
 * tree defined in {@link StateTreeHashing} down to where the key's hash leads: the sibling hash at
 * every step, and what the path ends in. {@link StateProofVerifier} checks it against a block
 * header's state root with no node.
 *
 * <p>A path ends in one of three ways:
 *
 * <ul>
 *   <li>the key's own leaf: {@code value} is set, the leaf fields are null (inclusion);
 *   <li>an empty subtree: {@code value} and the leaf fields are null (non-inclusion);
 *   <li>the leaf of another key whose hash shares the path's prefix: {@code value} is null, {@code
 *       leafKeyHash} and {@code leafValueHash} describe that leaf (non-inclusion).
 * </ul>
 *
 * <p>The fields are plain so the REST API can serve a proof as JSON (hashes as hex) and a client
 * can rebuild the record from it; {@link #encode()} gives a compact binary form.
 *
 * @param contract the contract whose key this proof is about
 * @param key the key within the contract's namespace
 * @param height the block whose header's state root the proof verifies against
 * @param root that state root (32 bytes)
 * @param value the key's value when the proof shows inclusion; null when it shows absence
 * @param leafKeyHash when the path ends in another key's leaf, that leaf's key hash; else null
 * @param leafValueHash when the path ends in another key's leaf, that leaf's value hash; else null
 * @param siblings the sibling hashes from the root downwards: {@code siblings.get(i)} is the hash
 *     of the child at depth {@code i + 1} that the path does not take (32 zero bytes for an empty
 *     subtree); the path's length is {@code siblings.size()}
 */
public record StateProof(
    String contract,
    String key,
    long height,
    Bytes root,
    Bytes value,
    Bytes leafKeyHash,
    Bytes leafValueHash,
    List<Bytes> siblings) {

  /** Version byte of the {@link #encode()} format. */
  public static final int FORMAT_VERSION = 1;

  private static final int TERMINAL_VALUE = 0;
  private static final int TERMINAL_EMPTY = 1;
  private static final int TERMINAL_OTHER_LEAF = 2;
  private static final int HASH = StateTreeHashing.HASH_LENGTH;

  public StateProof {
    if (contract == null || key == null || root == null || siblings == null) {
      throw new NullPointerException("contract, key, root and siblings are required");
    }
    siblings = List.copyOf(siblings);
  }

  /** True if the proof claims the key is present, with {@link #value()}. */
  public boolean isInclusion() {
    return value != null;
  }

  /**
   * The compact binary form, all integers big-endian:
   *
   * <pre>
   * u8  format version (1)
   * u16 length, UTF-8 contract
   * u32 length, UTF-8 key
   * u64 height
   * 32  root
   * u8  terminal: 0 = the key's leaf, 1 = empty subtree, 2 = another key's leaf
   *     terminal 0: u32 length, value
   *     terminal 2: 32 leaf key hash, 32 leaf value hash
   * u16 number of siblings n (0..256)
   * ceil(n / 8) bytes: bit i (most significant first) set if sibling i is not empty
   * 32 bytes for each sibling whose bit is set, in order
   * </pre>
   *
   * @throws IllegalArgumentException if a hash is not 32 bytes, there are more than 256 siblings,
   *     or both a value and a leaf are set
   */
  public byte[] encode() {
    if (value != null && (leafKeyHash != null || leafValueHash != null)) {
      throw new IllegalArgumentException("a proof has either a value or another key's leaf");
    }
    if ((leafKeyHash == null) != (leafValueHash == null)) {
      throw new IllegalArgumentException("leafKeyHash and leafValueHash go together");
    }
    if (siblings.size() > StateTreeHashing.KEY_BITS) {
      throw new IllegalArgumentException("a proof has at most 256 siblings");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + siblings.size() * HASH);
    byte[] c = contract.getBytes(StandardCharsets.UTF_8);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    if (c.length > 0xffff) {
      throw new IllegalArgumentException("contract name longer than 65535 bytes");
    }
    out.write(FORMAT_VERSION);
    writeInt(out, c.length, 2);
    out.writeBytes(c);
    writeInt(out, k.length, 4);
    out.writeBytes(k);
    writeLong(out, height);
    out.writeBytes(hash(root, "root"));
    if (value != null) {
      out.write(TERMINAL_VALUE);
      writeInt(out, value.length(), 4);
      out.writeBytes(value.toArray());
    } else if (leafKeyHash == null) {
      out.write(TERMINAL_EMPTY);
    } else {
      out.write(TERMINAL_OTHER_LEAF);
      out.writeBytes(hash(leafKeyHash, "leafKeyHash"));
      out.writeBytes(hash(leafValueHash, "leafValueHash"));
    }
    writeInt(out, siblings.size(), 2);
    byte[] bitmap = new byte[(siblings.size() + 7) / 8];
    for (int i = 0; i < siblings.size(); i++) {
      if (!StateTreeHashing.isEmptyHash(hash(siblings.get(i), "sibling " + i))) {
        bitmap[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    out.writeBytes(bitmap);
    for (int i = 0; i < siblings.size(); i++) {
      if ((bitmap[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
        out.writeBytes(siblings.get(i).toArray());
      }
    }
    return out.toByteArray();
  }

  /**
   * Decodes the form {@link #encode()} writes, accepting only that exact form (so one proof has one
   * encoding).
   *
   * @throws MalformedStateProofException if the bytes are truncated, have trailing bytes, an
   *     unknown version or terminal, invalid UTF-8, or a non-canonical sibling bitmap
   */
  public static StateProof decode(byte[] encoded) {
    ByteBuffer in = ByteBuffer.wrap(encoded);
    try {
      int version = in.get() & 0xff;
      if (version != FORMAT_VERSION) {
        throw new MalformedStateProofException(
            "state proof format version " + version + " is not supported (expected 1)");
      }
      String contract = utf8(take(in, in.getShort() & 0xffff), "contract");
      String key = utf8(take(in, in.getInt()), "key");
      long height = in.getLong();
      Bytes root = Bytes.of(take(in, HASH));
      Bytes value = null;
      Bytes leafKeyHash = null;
      Bytes leafValueHash = null;
      int terminal = in.get() & 0xff;
      switch (terminal) {
        case TERMINAL_VALUE -> value = Bytes.of(take(in, in.getInt()));
        case TERMINAL_EMPTY -> {}
        case TERMINAL_OTHER_LEAF -> {
          leafKeyHash = Bytes.of(take(in, HASH));
          leafValueHash = Bytes.of(take(in, HASH));
        }
        default ->
            throw new MalformedStateProofException(
                "state proof terminal " + terminal + " is unknown (expected 0, 1 or 2)");
      }
      int count = in.getShort() & 0xffff;
      if (count > StateTreeHashing.KEY_BITS) {
        throw new MalformedStateProofException(
            "state proof has " + count + " siblings; a path has at most 256");
      }
      byte[] bitmap = take(in, (count + 7) / 8);
      if (count % 8 != 0 && (bitmap[bitmap.length - 1] & (0xff >>> (count % 8))) != 0) {
        throw new MalformedStateProofException("state proof sibling bitmap has padding bits set");
      }
      List<Bytes> siblings = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        if ((bitmap[i >>> 3] & (0x80 >>> (i & 7))) == 0) {
          siblings.add(StateTreeHashing.emptyHash());
        } else {
          byte[] h = take(in, HASH);
          if (StateTreeHashing.isEmptyHash(h)) {
            throw new MalformedStateProofException(
                "state proof sibling " + i + " is marked non-empty but is the empty hash");
          }
          siblings.add(Bytes.of(h));
        }
      }
      if (in.hasRemaining()) {
        throw new MalformedStateProofException(
            "state proof has " + in.remaining() + " trailing bytes");
      }
      return new StateProof(
          contract, key, height, root, value, leafKeyHash, leafValueHash, siblings);
    } catch (java.nio.BufferUnderflowException e) {
      throw new MalformedStateProofException("state proof is truncated");
    }
  }

  private static byte[] take(ByteBuffer in, int length) {
    if (length < 0 || length > in.remaining()) {
      throw new MalformedStateProofException("state proof is truncated");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedStateProofException("state proof " + what + " is not valid UTF-8");
    }
  }

  private static byte[] hash(Bytes b, String what) {
    if (b.length() != HASH) {
      throw new IllegalArgumentException(what + " must be 32 bytes, not " + b.length());
    }
    return b.toArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int v, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write(v >>> (8 * i));
    }
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    for (int i = 7; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)));
    }
  }
}
