package org.chancery.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/**
 * The tree's definition pinned by known answers. The three-entry roots below were also computed
 * outside Java (Python's hashlib, OpenSSL's SM3 and SHA-256) and appear in docs/state.md.
 */
class StateTreeHashingTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void theEmptyStateHasTheRootOf32ZeroBytes() {
    assertThat(StateTreeHashing.emptyHash()).isEqualTo(Bytes.of(new byte[32]));
    assertThat(new NaiveStateTree(CryptoSuite.byName("sm"), Map.of()).root())
        .isEqualTo(StateTreeHashing.emptyHash());
  }

  @Test
  void aOneEntryRootIsItsLeafHashComputedWithThePlainJdkSha256() throws Exception {
    CryptoSuite nist = CryptoSuite.byName("nist");
    byte[] keyHash = sha256(utf8("licence\0L-1"));
    byte[] expected = sha256(concat(new byte[] {0}, keyHash, sha256(utf8("granted"))));

    assertThat(StateTreeHashing.keyHash(nist, "licence", "L-1")).isEqualTo(keyHash);
    assertThat(
            StateTreeHashing.leafHash(
                nist, keyHash, StateTreeHashing.valueHash(nist, utf8("granted"))))
        .isEqualTo(expected);
    assertThat(new NaiveStateTree(nist, Map.of("L-1", "granted")).root().toArray())
        .isEqualTo(expected);
  }

  @Test
  void internalNodesHashWithPrefixOneAndLeftBeforeRight() throws Exception {
    CryptoSuite nist = CryptoSuite.byName("nist");
    byte[] left = sha256(utf8("left"));
    byte[] right = sha256(utf8("right"));

    assertThat(StateTreeHashing.internalHash(nist, left, right))
        .isEqualTo(sha256(concat(new byte[] {1}, left, right)));
    assertThat(StateTreeHashing.internalHash(nist, left, right))
        .isNotEqualTo(StateTreeHashing.leafHash(nist, left, right));
  }

  @Test
  void knownRootOfThreeEntriesInTheSmSuite() {
    // SM3 key hashes start with bits 1..., 00..., 01...: root = I(I(leaf L-2, leaf doc-9), leaf
    // L-1)
    assertThat(threeEntryRoot(CryptoSuite.byName("sm")))
        .isEqualTo("cf304ee7b9da912ab0f1289f5562fa11e864b96c654eeae4b96b6baa205e82e2");
  }

  @Test
  void knownRootOfThreeEntriesInTheNistSuite() {
    // SHA-256 key hashes start with bits 1..., 000..., 001...: the two share a prefix of two bits,
    // so root = I(I(I(leaf L-2, leaf doc-9), EMPTY), leaf L-1)
    assertThat(threeEntryRoot(CryptoSuite.byName("nist")))
        .isEqualTo("dab62f9c9a2611eca9050adccf521a7202004a5c2edb461fd92d6bb862638ae1");
  }

  @Test
  void bitsAreReadMostSignificantFirst() {
    byte[] h = new byte[32];
    h[0] = (byte) 0b1010_0000;
    h[31] = 1;

    assertThat(StateTreeHashing.bit(h, 0)).isEqualTo(1);
    assertThat(StateTreeHashing.bit(h, 1)).isZero();
    assertThat(StateTreeHashing.bit(h, 2)).isEqualTo(1);
    assertThat(StateTreeHashing.bit(h, 255)).isEqualTo(1);
    assertThat(StateTreeHashing.bit(h, 254)).isZero();
  }

  @Test
  void commonPrefixCountsLeadingEqualBits() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    assertThat(StateTreeHashing.commonPrefixBits(a, b)).isEqualTo(256);
    b[2] = 0b0001_0000;
    assertThat(StateTreeHashing.commonPrefixBits(a, b)).isEqualTo(19);
    b[0] = (byte) 0x80;
    assertThat(StateTreeHashing.commonPrefixBits(a, b)).isZero();
  }

  private static String threeEntryRoot(CryptoSuite suite) {
    CryptoSuite.Hasher hasher = suite.newHasher();
    byte[] l1 = leaf(suite, "licence", "L-1", "granted");
    byte[] l2 = leaf(suite, "licence", "L-2", "revoked");
    byte[] l3 = leaf(suite, "evidence", "doc-9", "");
    byte[] pair = StateTreeHashing.internalHash(hasher, l2, l3);
    byte[] root =
        suite.name().equals("sm")
            ? StateTreeHashing.internalHash(hasher, pair, l1)
            : StateTreeHashing.internalHash(
                hasher,
                StateTreeHashing.internalHash(hasher, pair, StateTreeHashing.emptyHash().toArray()),
                l1);
    return HEX.formatHex(root);
  }

  private static byte[] leaf(CryptoSuite suite, String contract, String key, String value) {
    return StateTreeHashing.leafHash(
        suite,
        StateTreeHashing.keyHash(suite, contract, key),
        StateTreeHashing.valueHash(suite, utf8(value)));
  }

  private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
