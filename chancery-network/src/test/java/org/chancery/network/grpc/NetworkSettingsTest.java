package org.chancery.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.chancery.core.config.HostPort;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateRequest;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.network.Channel;
import org.chancery.network.PeerId;
import org.chancery.network.tls.InvalidTlsMaterialException;
import org.chancery.network.tls.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings and TLS material as a node builds them from its configuration and PEM files. */
class NetworkSettingsTest {
  private final TestPki pki = new TestPki("tax-bureau", "court");

  @TempDir Path dir;

  @Test
  void nodesStartedFromPemFilesLikeNetworkInitWritesTalkToEachOther() throws Exception {
    Path node1Dir = writeTlsDir("tax-bureau", "node1");
    Path node2Dir = writeTlsDir("court", "node2");
    NetworkSettings node1Settings =
        NetworkSettings.fromPemFiles(
                "node1",
                "tax-bureau",
                new HostPort("127.0.0.1", 1),
                node1Dir.resolve("cert.pem"),
                node1Dir.resolve("key.pem"),
                node1Dir.resolve("ca-bundle.pem"),
                List.of(PeerAddress.unresolved("node2", "court")))
            .withListenPort(0);
    NetworkSettings node2Settings =
        NetworkSettings.fromPemFiles(
                "node2",
                "court",
                new HostPort("127.0.0.1", 1),
                node2Dir.resolve("cert.pem"),
                node2Dir.resolve("key.pem"),
                node2Dir.resolve("ca-bundle.pem"),
                List.of(PeerAddress.unresolved("node1", "tax-bureau")))
            .withListenPort(0);
    RecordingHandler node2Handler = new RecordingHandler();
    try (GrpcPeerNetwork node1 = GrpcPeerNetwork.start(node1Settings, new RecordingHandler());
        GrpcPeerNetwork node2 = GrpcPeerNetwork.start(node2Settings, node2Handler)) {
      node1.connect("node2", new HostPort("127.0.0.1", node2.port()));
      node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("from files"));

      Eventually.until("node2 gets it", () -> !node2Handler.received().isEmpty());
      assertThat(node2Handler.received().get(0).from())
          .isEqualTo(new PeerId("node1", "tax-bureau"));
    }
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    NetworkSettings settings =
        NetworkSettings.of(
            "node1",
            "tax-bureau",
            HostPort.parse("0.0.0.0:7100"),
            pki.node("tax-bureau", "node1"),
            List.of(PeerAddress.of("node2", HostPort.parse("10.0.0.12:7100"))));

    TransportLimits limits = settings.limits();
    assertThat(limits.consensusQueueCapacity()).isEqualTo(10_000);
    assertThat(limits.transactionQueueCapacity()).isEqualTo(50_000);
    assertThat(limits.maxMessageBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(limits.callDeadline()).isEqualTo(Duration.ofSeconds(5));
    assertThat(limits.reconnectInitialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(limits.reconnectMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.revoked()).isEqualTo(RevocationSet.empty());
    assertThat(settings.listenAddress()).isEqualTo("0.0.0.0:7100");
  }

  @Test
  void aPeerListedTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                settingsWith(
                    List.of(
                        PeerAddress.unresolved("node2", null),
                        PeerAddress.unresolved("node2", "court"))))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("node2 is listed twice");
  }

  @Test
  void theNodeItselfIsNotAPeer() {
    assertThatThrownBy(() -> settingsWith(List.of(PeerAddress.unresolved("node1", null))))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("is this node itself");
  }

  @Test
  void aListenPortOutOfRangeIsRefused() {
    NetworkSettings settings = settingsWith(List.of());
    assertThatThrownBy(() -> settings.withListenPort(65536))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("between 0 (any free port) and 65535");
  }

  @Test
  void limitsMustBePositiveAndOrdered() {
    TransportLimits defaults = TransportLimits.defaults();
    assertThatThrownBy(() -> defaults.withQueueCapacities(0, 10))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> defaults.withCallDeadline(Duration.ZERO))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("deadline must be positive");
    assertThatThrownBy(
            () -> defaults.withReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("maximum at least its initial");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() {
    TlsMaterial good = pki.node("tax-bureau", "node1");
    EcKeyPair other = CryptoSuite.byName("nist").generateKeyPair();
    assertThatThrownBy(
            () -> TlsMaterial.of(good.certificateChain(), other.privateKey(), good.trustedCas()))
        .isInstanceOf(InvalidTlsMaterialException.class)
        .hasMessageContaining("not the key of certificate");
  }

  @Test
  void anSm2KeyIsNotATlsKey() {
    TlsMaterial good = pki.node("tax-bureau", "node1");
    EcKeyPair sm2 = CryptoSuite.byName("sm").generateKeyPair();
    assertThatThrownBy(
            () -> TlsMaterial.of(good.certificateChain(), sm2.privateKey(), good.trustedCas()))
        .isInstanceOf(InvalidTlsMaterialException.class)
        .hasMessageContaining("must be ECDSA P-256");
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    Path tls = writeTlsDir("tax-bureau", "node1");
    Path missing = tls.resolve("no-such-bundle.pem");
    assertThatThrownBy(
            () ->
                TlsMaterial.fromPemFiles(tls.resolve("cert.pem"), tls.resolve("key.pem"), missing))
        .isInstanceOf(InvalidTlsMaterialException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void theMaterialNeverPrintsItsKey() {
    TlsMaterial tls = pki.node("tax-bureau", "node1");
    assertThat(tls.toString())
        .contains("CN=node1")
        .doesNotContainIgnoringCase("private")
        .doesNotContain(tls.privateKey().toString());
  }

  private NetworkSettings settingsWith(List<PeerAddress> peers) {
    return NetworkSettings.of(
        "node1",
        "tax-bureau",
        HostPort.parse("127.0.0.1:7100"),
        pki.node("tax-bureau", "node1"),
        peers);
  }

  /** The files network init writes under orgs/<org>/nodes/<node>/tls. */
  private Path writeTlsDir(String org, String node) throws Exception {
    EcKeyPair keys = CryptoSuite.byName("nist").generateKeyPair();
    X509Certificate certificate =
        pki.ca(org)
            .issueTls(
                new CertificateRequest(
                    node,
                    MemberRole.NODE,
                    keys.publicKey(),
                    List.of(),
                    List.of("127.0.0.1"),
                    pki.now().minus(Duration.ofHours(1)),
                    pki.now().plus(Duration.ofDays(730))));
    Path tls = Files.createDirectories(dir.resolve(org).resolve(node).resolve("tls"));
    Files.writeString(tls.resolve("cert.pem"), PemCodec.encodeCertificate(certificate));
    Files.writeString(tls.resolve("key.pem"), PemCodec.encodePrivateKey(keys.privateKey()));
    Files.writeString(tls.resolve("ca-bundle.pem"), PemCodec.encodeCertificates(pki.trustedCas()));
    return tls;
  }
}
