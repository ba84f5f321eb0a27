package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The sm suite's SM2 signatures and BouncyCastle's reference {@link SM2Signer} (user ID {@code
 * 1234567812345678}) accept each other's signatures, for many fresh keys and nonces. Together with
 * the OpenSSL vector and interop tests this pins the suite to GB/T 32918.2 however it is
 * implemented.
 */
class Sm2CrossImplementationTest {
  private static final byte[] USER_ID = TestVectors.ascii("1234567812345678");

  private final CryptoSuite sm = CryptoSuite.byName("sm");
  private final SecureRandom random = new SecureRandom();

  @RepeatedTest(20)
  void bouncyCastleVerifiesTheSuitesSignature() {
    EcKeyPair keys = sm.generateKeyPair();
    byte[] message = randomMessage();
    byte[] signature = sm.sign(keys.privateKey(), message);

    SM2Signer reference = new SM2Signer();
    reference.init(false, new ParametersWithID(keys.publicKey().parameters(), USER_ID));
    reference.update(message, 0, message.length);

    assertThat(reference.verifySignature(signature)).isTrue();
  }

  @RepeatedTest(20)
  void suiteVerifiesBouncyCastlesSignature() throws CryptoException {
    EcKeyPair keys = sm.generateKeyPair();
    byte[] message = randomMessage();
    SM2Signer reference = new SM2Signer();
    reference.init(
        true,
        new ParametersWithID(
            new ParametersWithRandom(keys.privateKey().parameters(), random), USER_ID));
    reference.update(message, 0, message.length);
    byte[] signature = reference.generateSignature();

    assertThat(sm.verify(keys.publicKey(), message, signature)).isTrue();
  }

  private byte[] randomMessage() {
    byte[] message = new byte[random.nextInt(300)];
    random.nextBytes(message);
    return message;
  }
}
