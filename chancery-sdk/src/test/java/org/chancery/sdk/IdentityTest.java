package org.chancery.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.MemberRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
  private static final TestChain CHAIN = TestChain.solo();

  @TempDir Path tmp;

  @Test
  void loadsAnIdentityDirectory() throws Exception {
    Identity written = CHAIN.member("client@org1");
    Path dir = TestChain.writeIdentity(tmp.resolve("client"), written, null);

    Identity loaded = Identity.load(dir);

    assertThat(loaded.organisation()).isEqualTo("org1");
    assertThat(loaded.role()).isEqualTo(MemberRole.CLIENT);
    assertThat(loaded.name()).isEqualTo("client@org1");
    assertThat(loaded.certificateDer().toArray()).isEqualTo(written.certificate().getEncoded());
    assertThat(loaded.publicKey()).isEqualTo(written.publicKey());
    assertThat(loaded.curve()).isEqualTo(CHAIN.suite.curve());
  }

  @Test
  void opensAnEncryptedKeyWithItsPassphrase() throws Exception {
    Identity written = CHAIN.member("alice");
    Path dir = TestChain.writeIdentity(tmp.resolve("alice"), written, "s3cret".toCharArray());

    assertThat(Identity.load(dir, "s3cret".toCharArray()).publicKey())
        .isEqualTo(written.publicKey());
  }

  @Test
  void anEncryptedKeyWithoutPassphraseAsksForOne() throws Exception {
    Path dir =
        TestChain.writeIdentity(
            tmp.resolve("alice"), CHAIN.member("alice"), "s3cret".toCharArray());

    assertThatThrownBy(() -> Identity.load(dir))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("passphrase-required"))
        .hasMessageContaining("key.pem is encrypted")
        .hasMessageContaining("--passphrase-file");
  }

  @Test
  void aWrongPassphraseIsRejected() throws Exception {
    Path dir =
        TestChain.writeIdentity(
            tmp.resolve("alice"), CHAIN.member("alice"), "s3cret".toCharArray());

    assertThatThrownBy(() -> Identity.load(dir, "guess".toCharArray()))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("wrong-passphrase"));
  }

  @Test
  void aPassphraseForAPlainKeyIsIgnored() throws Exception {
    Path dir = TestChain.writeIdentity(tmp.resolve("bob"), CHAIN.member("bob"), null);

    assertThat(Identity.load(dir, "unused".toCharArray()).name()).isEqualTo("bob");
  }

  @Test
  void aKeyThatIsNotTheCertificatesKeyIsRejected() throws Exception {
    Path dir = TestChain.writeIdentity(tmp.resolve("alice"), CHAIN.member("alice"), null);
    Files.writeString(
        dir.resolve("key.pem"), PemCodec.encodePrivateKey(CHAIN.member("bob").privateKey()));

    assertThatThrownBy(() -> Identity.load(dir))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("key-mismatch"))
        .hasMessageContaining("key.pem is not the key of cert.pem")
        .hasMessageContaining("CN=alice");
  }

  @Test
  void ofRejectsAMismatchedKeyToo() {
    Identity alice = CHAIN.member("alice");
    EcKeyPair other = CHAIN.suite.generateKeyPair();

    assertThatThrownBy(() -> Identity.of(alice.certificate(), other.privateKey()))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("key-mismatch"));
  }

  @Test
  void aMissingDirectoryIsNotFound() {
    assertThatThrownBy(() -> Identity.load(tmp.resolve("nobody")))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("identity-not-found"))
        .hasMessageContaining("nobody does not exist")
        .hasMessageContaining("orgs/org1/users/client");
  }

  @Test
  void aFileIsNotAnIdentityDirectory() throws Exception {
    Path dir = TestChain.writeIdentity(tmp.resolve("alice"), CHAIN.member("alice"), null);

    assertThatThrownBy(() -> Identity.load(dir.resolve("cert.pem")))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("identity-not-found"))
        .hasMessageContaining("cert.pem is not a directory");
  }

  @Test
  void aMissingCertificateIsNotFound() throws Exception {
    Path dir = TestChain.writeIdentity(tmp.resolve("alice"), CHAIN.member("alice"), null);
    Files.delete(dir.resolve("cert.pem"));

    assertThatThrownBy(() -> Identity.load(dir))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("identity-not-found"))
        .hasMessageContaining("cert.pem does not exist");
  }

  @Test
  void aMissingKeyIsNotFound() throws Exception {
    Path dir = TestChain.writeIdentity(tmp.resolve("alice"), CHAIN.member("alice"), null);
    Files.delete(dir.resolve("key.pem"));

    assertThatThrownBy(() -> Identity.load(dir))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("identity-not-found"))
        .hasMessageContaining("key.pem does not exist");
  }

  @Test
  void aDamagedCertificateIsMalformed() throws Exception {
    Path dir = TestChain.writeIdentity(tmp.resolve("alice"), CHAIN.member("alice"), null);
    Files.writeString(dir.resolve("cert.pem"), "not a certificate");

    assertThatThrownBy(() -> Identity.load(dir))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("malformed-identity"))
        .hasMessageContaining("cert.pem");
  }

  @Test
  void aCaCertificateIsNotAMemberIdentity() {
    assertThatThrownBy(
            () -> Identity.of(CHAIN.identityCa.certificate(), CHAIN.validatorKeys.get(0)))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("malformed-identity"))
        .hasMessageContaining("is a CA certificate");
  }

  @Test
  void readsNamesInChinese() {
    EcKeyPair keys = CHAIN.suite.generateKeyPair();
    Identity clerk =
        Identity.of(CHAIN.issue("张三, 窗口 3", MemberRole.CLIENT, keys), keys.privateKey());

    assertThat(clerk.name()).isEqualTo("张三, 窗口 3");
    assertThat(clerk.organisation()).isEqualTo("org1");
  }

  @Test
  void toStringNamesTheMemberButNotTheKey() {
    Identity alice = CHAIN.member("alice");

    assertThat(alice.toString())
        .isEqualTo("Identity[alice, client of org1]")
        .doesNotContain(alice.publicKey().toHex());
  }
}
