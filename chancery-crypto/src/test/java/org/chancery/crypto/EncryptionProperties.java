package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Authenticated encryption and key wrapping over arbitrary inputs. */
class EncryptionProperties {

  @Provide
  Arbitrary<CryptoSuite> suites() {
    return Suites.arbitrary();
  }

  @Property(tries = 200)
  void decryptReversesEncrypt(
      @ForAll("suites") CryptoSuite suite,
      @ForAll @Size(max = 4096) byte[] plaintext,
      @ForAll @Size(max = 256) byte[] associatedData) {
    byte[] key = suite.newDataKey();

    byte[] sealed = suite.encrypt(key, plaintext, associatedData);

    assertThat(suite.decrypt(key, sealed, associatedData)).isEqualTo(plaintext);
  }

  @Property(tries = 200)
  void anyFlippedBitInTheSealedBytesFails(
      @ForAll("suites") CryptoSuite suite,
      @ForAll @Size(max = 512) byte[] plaintext,
      @ForAll @Size(max = 64) byte[] associatedData,
      @ForAll int bitChoice) {
    byte[] key = suite.newDataKey();
    byte[] sealed = suite.encrypt(key, plaintext, associatedData);
    byte[] tampered = Tamper.flipBit(sealed, Math.floorMod(bitChoice, sealed.length * 8));

    assertThatThrownBy(() -> suite.decrypt(key, tampered, associatedData))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Property(tries = 200)
  void differentAssociatedDataFails(
      @ForAll("suites") CryptoSuite suite,
      @ForAll @Size(max = 256) byte[] plaintext,
      @ForAll @Size(max = 64) byte[] associatedData,
      @ForAll @Size(max = 64) byte[] otherAssociatedData) {
    Assume.that(!Arrays.equals(associatedData, otherAssociatedData));
    byte[] key = suite.newDataKey();
    byte[] sealed = suite.encrypt(key, plaintext, associatedData);

    assertThatThrownBy(() -> suite.decrypt(key, sealed, otherAssociatedData))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Property(tries = 50)
  void unwrapReversesWrapForAnyDataKey(
      @ForAll("suites") CryptoSuite suite, @ForAll @Size(32) byte[] keyMaterial) {
    EcKeyPair recipient = suite.generateKeyPair();
    byte[] dataKey = Arrays.copyOf(keyMaterial, suite.dataKeyLength());

    byte[] wrapped = suite.wrapKey(recipient.publicKey(), dataKey);

    assertThat(suite.unwrapKey(recipient.privateKey(), wrapped)).isEqualTo(dataKey);
  }
}
