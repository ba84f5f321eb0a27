package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Signatures over arbitrary messages. */
class SignatureProperties {

  @Provide
  Arbitrary<CryptoSuite> suites() {
    return Suites.arbitrary();
  }

  @Property(tries = 100)
  void signatureOverAnyMessageVerifies(
      @ForAll("suites") CryptoSuite suite, @ForAll @Size(max = 2048) byte[] message) {
    EcKeyPair keys = suite.generateKeyPair();

    byte[] signature = suite.sign(keys.privateKey(), message);

    assertThat(suite.verify(keys.publicKey(), message, signature)).isTrue();
  }

  @Property(tries = 100)
  void anyFlippedBitInTheMessageFails(
      @ForAll("suites") CryptoSuite suite,
      @ForAll @Size(min = 1, max = 512) byte[] message,
      @ForAll int bitChoice) {
    EcKeyPair keys = suite.generateKeyPair();
    byte[] signature = suite.sign(keys.privateKey(), message);
    int bit = Math.floorMod(bitChoice, message.length * 8);

    assertThat(suite.verify(keys.publicKey(), Tamper.flipBit(message, bit), signature)).isFalse();
  }

  @Property(tries = 100)
  void anyFlippedBitInTheSignatureFails(
      @ForAll("suites") CryptoSuite suite,
      @ForAll @Size(max = 512) byte[] message,
      @ForAll int bitChoice) {
    EcKeyPair keys = suite.generateKeyPair();
    byte[] signature = suite.sign(keys.privateKey(), message);
    int bit = Math.floorMod(bitChoice, signature.length * 8);

    assertThat(suite.verify(keys.publicKey(), message, Tamper.flipBit(signature, bit))).isFalse();
  }

  @Property(tries = 100)
  void arbitraryBytesNeverThrowFromVerify(
      @ForAll("suites") CryptoSuite suite, @ForAll @Size(max = 160) byte[] signature) {
    EcPublicKey key = suite.generateKeyPair().publicKey();

    assertThat(suite.verify(key, new byte[] {42}, signature)).isFalse();
  }
}
