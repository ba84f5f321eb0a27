package org.chancery.core.block;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.chancery.core.Bytes;

/**
 * The exact bytes a validator signs for a proposal, prevote or precommit. A fixed binary layout
 * (not protobuf), so that every implementation produces the same bytes and a signature for one
 * chain, height, round, step or block can never be replayed for another:
 *
 * <pre>
 * "chancery/vote/v1" 0x00 | u16 len | chain id (UTF-8) | u8 step | u64 height | u32 round
 *   | u8 has-hash | block hash (if has-hash)
 * </pre>
 *
 * <p>A proposal also binds its proof-of-lock round ({@code validRound}, -1 for none), so that no
 * one relaying it can change which earlier polka it claims:
 *
 * <pre>
 * "chancery/vote/v1" 0x00 | u16 len | chain id | u8 step=1 | u64 height | u32 round
 *   | i32 valid round | 0x01 | block hash
 * </pre>
 */
public final class CanonicalVote {
  private static final byte[] DOMAIN = "chancery/vote/v1\0".getBytes(StandardCharsets.US_ASCII);

  private CanonicalVote() {}

  /** The consensus steps that sign. */
  public enum Step {
    PROPOSAL(1),
    PREVOTE(2),
    PRECOMMIT(3);

    private final int code;

    Step(int code) {
      this.code = code;
    }
  }

  /** Bytes of a precommit for {@code blockHash}, as a commit certificate carries. */
  public static byte[] precommit(String chainId, long height, int round, Bytes blockHash) {
    return encode(chainId, Step.PRECOMMIT, height, round, blockHash);
  }

  /** Bytes of a proposal of {@code blockHash} with proof-of-lock round {@code validRound}. */
  public static byte[] proposal(
      String chainId, long height, int round, int validRound, Bytes blockHash) {
    if (validRound < -1) {
      throw new IllegalArgumentException("valid round must be -1 or more: " + validRound);
    }
    if (blockHash == null) {
      throw new IllegalArgumentException("a proposal proposes a block");
    }
    return encode(chainId, Step.PROPOSAL, height, round, validRound, blockHash);
  }

  /**
   * Bytes of a prevote or precommit (a proposal: {@link #proposal}, which also binds the valid
   * round).
   *
   * @param blockHash the block voted for, or null for a nil vote
   */
  public static byte[] encode(String chainId, Step step, long height, int round, Bytes blockHash) {
    if (step == Step.PROPOSAL) {
      throw new IllegalArgumentException("a proposal also binds its valid round: use proposal()");
    }
    return encode(chainId, step, height, round, null, blockHash);
  }

  private static byte[] encode(
      String chainId, Step step, long height, int round, Integer validRound, Bytes blockHash) {
    byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
    if (chain.length > 0xFFFF) {
      throw new IllegalArgumentException("chain id is too long");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + chain.length);
    out.writeBytes(DOMAIN);
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) chain.length).array());
    out.writeBytes(chain);
    out.write(step.code);
    out.writeBytes(ByteBuffer.allocate(12).putLong(height).putInt(round).array());
    if (validRound != null) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(validRound).array());
    }
    if (blockHash == null) {
      out.write(0);
    } else {
      out.write(1);
      out.writeBytes(blockHash.toArray());
    }
    return out.toByteArray();
  }
}
