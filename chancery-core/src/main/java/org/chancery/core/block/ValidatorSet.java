package org.chancery.core.block;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPublicKey;

/**
 * The validators that certify blocks, with their voting power. Immutable. Its {@link #hash} goes
 * into every header, so a certificate is always checked against the set the chain agreed on.
 *
 * <pre>{@code
 * ValidatorSet set = new ValidatorSet(List.of(new ValidatorSet.Validator("node1", "org1", key, 1)));
 * long needed = set.quorumPower(); // more than two thirds of the total
 * }</pre>
 *
 * @param validators the validators, sorted by name
 */
public record ValidatorSet(List<Validator> validators) {

  public ValidatorSet {
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("a validator set needs at least one validator");
    }
    Set<String> names = new HashSet<>();
    for (Validator v : validators) {
      if (v.power() < 1) {
        throw new IllegalArgumentException("validator " + v.name() + " has power " + v.power());
      }
      if (!names.add(v.name())) {
        throw new IllegalArgumentException("validator " + v.name() + " is listed twice");
      }
    }
    validators = validators.stream().sorted(Comparator.comparing(Validator::name)).toList();
  }

  /**
   * A validator.
   *
   * @param name node name, unique
   * @param organisation its organisation id
   * @param publicKey its identity key
   * @param power voting power, at least 1
   */
  public record Validator(String name, String organisation, EcPublicKey publicKey, long power) {}

  public long totalPower() {
    return validators.stream().mapToLong(Validator::power).sum();
  }

  /** The smallest power that is more than two thirds of the total (2f+1 of 3f+1 when equal). */
  public long quorumPower() {
    return totalPower() * 2 / 3 + 1;
  }

  public Optional<Validator> find(String name) {
    return validators.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** Validators by name. */
  public Map<String, Validator> byName() {
    Map<String, Validator> m = new LinkedHashMap<>();
    validators.forEach(v -> m.put(v.name(), v));
    return m;
  }

  /**
   * Hash of the canonical encoding: for each validator in name order, u16-length-prefixed name,
   * u16-length-prefixed DER public key, u64 power.
   */
  public Bytes hash(CryptoSuite suite) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("chancery/validators/v1\0".getBytes(StandardCharsets.US_ASCII));
    for (Validator v : validators) {
      writeChunk(out, v.name().getBytes(StandardCharsets.UTF_8));
      writeChunk(out, v.publicKey().encoded());
      out.writeBytes(ByteBuffer.allocate(8).putLong(v.power()).array());
    }
    return Bytes.of(suite.hash(out.toByteArray()));
  }

  private static void writeChunk(ByteArrayOutputStream out, byte[] chunk) {
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) chunk.length).array());
    out.writeBytes(chunk);
  }
}
