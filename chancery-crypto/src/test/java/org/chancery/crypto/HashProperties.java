package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Incremental hashing agrees with one-shot hashing however the input is split. */
class HashProperties {

  @Provide
  Arbitrary<CryptoSuite> suites() {
    return Suites.arbitrary();
  }

  @Property(tries = 200)
  void incrementalHashEqualsOneShotHash(
      @ForAll("suites") CryptoSuite suite,
      @ForAll @Size(max = 4096) byte[] data,
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 4096) Integer> splitPoints) {
    int[] cuts = splitPoints.stream().mapToInt(p -> Math.min(p, data.length)).sorted().toArray();
    CryptoSuite.Hasher hasher = suite.newHasher();
    int from = 0;
    for (int cut : cuts) {
      hasher.update(data, from, cut - from);
      from = cut;
    }
    hasher.update(data, from, data.length - from);

    assertThat(hasher.digest()).isEqualTo(suite.hash(data));
  }

  @Property(tries = 100)
  void hasherCanBeReusedAfterDigest(
      @ForAll("suites") CryptoSuite suite,
      @ForAll @Size(max = 512) byte[] first,
      @ForAll @Size(max = 512) byte[] second) {
    CryptoSuite.Hasher hasher = suite.newHasher();
    hasher.update(first).digest();

    assertThat(hasher.update(second).digest()).isEqualTo(suite.hash(second));
  }
}
