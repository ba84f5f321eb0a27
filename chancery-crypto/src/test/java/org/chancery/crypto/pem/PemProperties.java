package org.chancery.crypto.pem;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.Suites;

/** Generated keys survive PEM encoding. */
class PemProperties {

  @Provide
  Arbitrary<CryptoSuite> suites() {
    return Suites.arbitrary();
  }

  @Property(tries = 100)
  void publicKeyPemRoundTrips(@ForAll("suites") CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    assertThat(PemCodec.decodePublicKey(PemCodec.encodePublicKey(keys.publicKey())))
        .isEqualTo(keys.publicKey());
  }

  @Property(tries = 100)
  void privateKeyPemRoundTrips(@ForAll("suites") CryptoSuite suite) {
    EcKeyPair keys = suite.generateKeyPair();

    EcPrivateKey decoded =
        PemCodec.decodePrivateKey(PemCodec.encodePrivateKey(keys.privateKey()), null);

    assertThat(decoded.parameters().getD()).isEqualTo(keys.privateKey().parameters().getD());
    assertThat(decoded.publicKey()).isEqualTo(keys.publicKey());
  }

  // Each try runs PBKDF2 with 100,000 iterations twice, so few tries.
  @Property(tries = 10)
  void encryptedPrivateKeyPemRoundTrips(
      @ForAll("suites") CryptoSuite suite,
      @ForAll
          @StringLength(min = 1, max = 40)
          @AlphaChars
          @NumericChars
          @Chars({' ', '-', 'ä', '中'})
          String passphrase) {
    EcKeyPair keys = suite.generateKeyPair();

    String pem = PemCodec.encodePrivateKey(keys.privateKey(), passphrase.toCharArray());
    EcPrivateKey decoded = PemCodec.decodePrivateKey(pem, passphrase.toCharArray());

    assertThat(decoded.publicKey()).isEqualTo(keys.publicKey());
  }
}
