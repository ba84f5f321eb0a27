package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key from the other suite's curve is refused with {@link WrongCurveException}, naming both
 * curves, rather than producing a signature or ciphertext no peer could check.
 */
class WrongCurveTest {
  private static final byte[] MESSAGE = {1, 2, 3};

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void signRefusesAKeyOnTheOtherCurve(CryptoSuite suite) {
    EcKeyPair foreign = Suites.other(suite).generateKeyPair();

    assertThatThrownBy(() -> suite.sign(foreign.privateKey(), MESSAGE))
        .isInstanceOf(WrongCurveException.class)
        .hasMessageContaining(foreign.curve().curveName())
        .hasMessageContaining(suite.curve().curveName())
        .hasMessageContaining("'" + suite.name() + "'");
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void verifyRefusesAKeyOnTheOtherCurve(CryptoSuite suite) {
    CryptoSuite other = Suites.other(suite);
    EcKeyPair foreign = other.generateKeyPair();
    byte[] signature = other.sign(foreign.privateKey(), MESSAGE);

    assertThatThrownBy(() -> suite.verify(foreign.publicKey(), MESSAGE, signature))
        .isInstanceOf(WrongCurveException.class)
        .hasMessageContaining(foreign.curve().curveName());
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void wrapKeyRefusesARecipientOnTheOtherCurve(CryptoSuite suite) {
    EcPublicKey foreign = Suites.other(suite).generateKeyPair().publicKey();

    assertThatThrownBy(() -> suite.wrapKey(foreign, suite.newDataKey()))
        .isInstanceOf(WrongCurveException.class)
        .hasMessageContaining("recipient key");
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void unwrapKeyRefusesARecipientOnTheOtherCurve(CryptoSuite suite) {
    byte[] wrapped = suite.wrapKey(suite.generateKeyPair().publicKey(), suite.newDataKey());
    EcPrivateKey foreign = Suites.other(suite).generateKeyPair().privateKey();

    assertThatThrownBy(() -> suite.unwrapKey(foreign, wrapped))
        .isInstanceOf(WrongCurveException.class);
  }

  @ParameterizedTest
  @MethodSource("org.chancery.crypto.Suites#both")
  void wrongCurveHasAStableCode(CryptoSuite suite) {
    EcKeyPair foreign = Suites.other(suite).generateKeyPair();

    assertThatThrownBy(() -> suite.sign(foreign.privateKey(), MESSAGE))
        .isInstanceOfSatisfying(
            WrongCurveException.class, e -> assertThat(e.code()).isEqualTo("wrong-curve"));
  }
}
