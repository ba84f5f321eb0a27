package org.chancery.crypto;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Both crypto suites, for tests written once and run against each
 * ({@code @MethodSource("org.chancery.crypto.Suites#both")}).
 */
public final class Suites {
  private Suites() {}

  public static Stream<Arguments> both() {
    return CryptoSuite.NAMES.stream().map(name -> argumentSet(name, CryptoSuite.byName(name)));
  }

  /** The suite whose keys are on the other curve. */
  public static CryptoSuite other(CryptoSuite suite) {
    return CryptoSuite.byName(suite.name().equals("sm") ? "nist" : "sm");
  }

  /** Both suites, for jqwik properties ({@code @Provide} methods delegate here). */
  public static Arbitrary<CryptoSuite> arbitrary() {
    return Arbitraries.of(CryptoSuite.NAMES).map(CryptoSuite::byName);
  }
}
