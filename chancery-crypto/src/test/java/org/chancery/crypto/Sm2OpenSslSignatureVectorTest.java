package org.chancery.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chancery.crypto.TestVectors.ascii;
import static org.chancery.crypto.TestVectors.hex;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.chancery.crypto.pem.PemCodec;
import org.junit.jupiter.api.Test;

/**
 * The SM2 signature OpenSSL 3.0 made over {@code message digest} with user ID {@code
 * 1234567812345678} (vectors/README.md): the sm suite must accept it, and reject it after any
 * change to any single byte of the message or the signature.
 */
class Sm2OpenSslSignatureVectorTest {
  private static final byte[] MESSAGE = ascii("message digest");
  private static final byte[] SIGNATURE =
      hex(
          "3046022100a5e1042f77ad765fe47c3d00c46e53c8070d3ce21d79a45209906d1839a2ad9a"
              + "022100b608e3168529636f3ca284fa96ae90ec40fe1dfaa865055bd286222d453639bb");

  private final CryptoSuite sm = CryptoSuite.byName("sm");
  private final EcPublicKey openSslKey =
      PemCodec.decodePublicKey(TestVectors.text("sm2-openssl-pub.pem"));

  @Test
  void publicKeyIsOnSm2Curve() {
    assertThat(openSslKey.curve()).isEqualTo(Curve.SM2P256V1);
  }

  @Test
  void verifiesTheOpenSslSignature() {
    assertThat(sm.verify(openSslKey, MESSAGE, SIGNATURE)).isTrue();
  }

  @Test
  void rejectsEveryMessageWithOneByteChanged() {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < MESSAGE.length; i++) {
      for (int value = 0; value < 256; value++) {
        if (value == (MESSAGE[i] & 0xff)) {
          continue;
        }
        if (sm.verify(openSslKey, Tamper.withByte(MESSAGE, i, value), SIGNATURE)) {
          accepted.add("message[" + i + "]=" + value);
        }
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void rejectsEverySignatureWithOneByteChanged() {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < SIGNATURE.length; i++) {
      for (int value = 0; value < 256; value++) {
        if (value == (SIGNATURE[i] & 0xff)) {
          continue;
        }
        if (sm.verify(openSslKey, MESSAGE, Tamper.withByte(SIGNATURE, i, value))) {
          accepted.add("signature[" + i + "]=" + value);
        }
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void rejectsTheSignatureUnderAnotherKey() {
    EcKeyPair other = sm.generateKeyPair();

    assertThat(sm.verify(other.publicKey(), MESSAGE, SIGNATURE)).isFalse();
  }

  @Test
  void rejectsSignatureMadeWithOpenSslsDefaultEmptyUserId() throws Exception {
    // OpenSSL 3 signs with an empty user ID unless told otherwise; such a signature covers a
    // different Z value and must not verify under the GB/T 35276 default ID the suite uses.
    EcKeyPair keys = sm.generateKeyPair();
    SM2Signer signer = new SM2Signer();
    signer.init(
        true,
        new ParametersWithID(
            new ParametersWithRandom(keys.privateKey().parameters(), new SecureRandom()),
            new byte[0]));
    signer.update(MESSAGE, 0, MESSAGE.length);
    byte[] emptyIdSignature = signer.generateSignature();

    assertThat(sm.verify(keys.publicKey(), MESSAGE, emptyIdSignature)).isFalse();
  }
}
