package org.chancery.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chancery.crypto.pki.CertificateAuthority;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.network.Channel;
import org.chancery.network.PeerId;
import org.chancery.network.grpc.RawPeerClient.PushResult;
import org.chancery.network.tls.RejectionReason;
import org.chancery.network.tls.TlsMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may connect. node1 (tax-bureau) listens with two configured peers: node2, pinned to the
 * court, and node3 of any organisation. Intruders connect with a plain TLS client that trusts any
 * server, so only node1's checks stand between them and node1's handler.
 */
class MutualTlsTest {
  private final TestPki pki = new TestPki("tax-bureau", "court", "housing");
  private final RecordingHandler handler = new RecordingHandler();
  private GrpcPeerNetwork node1;

  @BeforeEach
  void startNode1() {
    node1 = GrpcPeerNetwork.start(settings(RevocationSet.empty()), handler);
  }

  @AfterEach
  void closeNode1() {
    node1.close();
  }

  private NetworkSettings settings(RevocationSet revoked) {
    return new NetworkSettings(
        "node1",
        "tax-bureau",
        "127.0.0.1",
        0,
        pki.node("tax-bureau", "node1"),
        List.of(PeerAddress.unresolved("node2", "court"), PeerAddress.unresolved("node3", null)),
        TestCluster.testLimits(),
        revoked,
        Clock.systemUTC());
  }

  @Test
  void aConfiguredPeerWithAValidCertificateIsAcceptedOverTls13() throws Exception {
    try (RawPeerClient node2 = new RawPeerClient(pki.node("court", "node2"), node1.port())) {
      PushResult result = node2.push(Channel.CONSENSUS, "hello");

      assertThat(result.status().isOk()).as(result.status().toString()).isTrue();
      assertThat(result.received()).isEqualTo(1);
      assertThat(result.tlsProtocol()).isEqualTo("TLSv1.3");
    }
    assertThat(handler.received())
        .containsExactly(
            new RecordingHandler.Received(
                new PeerId("node2", "court"), Channel.CONSENSUS, "hello"));
    assertThat(node1.rejectedPeers().values()).containsOnly(0L);
  }

  @Test
  void aClientOfferingOnlyTls12IsRefused() throws Exception {
    try (RawPeerClient old =
        new RawPeerClient(pki.node("court", "node2"), node1.port(), "TLSv1.2")) {
      PushResult result = old.push(Channel.CONSENSUS, "hello");
      assertThat(result.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
    assertThat(handler.received()).isEmpty();
  }

  @Test
  void aCertificateFromAnUnknownCaIsRefused() throws Exception {
    CertificateAuthority rogue = pki.newCa("rogue");
    assertRefused(
        pki.issue(rogue, "node2", MemberRole.NODE, ago(1), ahead(1)),
        RejectionReason.UNTRUSTED_ISSUER);
  }

  @Test
  void aCertificateFromACaImpersonatingAMemberOrganisationIsRefused() throws Exception {
    // Same name as the court's CA, different key: the authority key id gives it away.
    CertificateAuthority fakeCourt = pki.newCa("court");
    assertRefused(
        pki.issue(fakeCourt, "node2", MemberRole.NODE, ago(1), ahead(1)),
        RejectionReason.UNTRUSTED_ISSUER);
  }

  @Test
  void anExpiredCertificateIsRefused() throws Exception {
    assertRefused(
        pki.issue(pki.ca("court"), "node2", MemberRole.NODE, ago(3), ago(2)),
        RejectionReason.EXPIRED);
  }

  @Test
  void aCertificateNotYetValidIsRefused() throws Exception {
    assertRefused(
        pki.issue(pki.ca("court"), "node2", MemberRole.NODE, ahead(1), ahead(2)),
        RejectionReason.NOT_YET_VALID);
  }

  @Test
  void aRevokedCertificateIsRefused() throws Exception {
    TlsMaterial node2 = pki.node("court", "node2");
    node1.close();
    node1 =
        GrpcPeerNetwork.start(settings(RevocationSet.empty().with(node2.certificate())), handler);
    assertRefused(node2, RejectionReason.REVOKED);
  }

  @Test
  void aCertificateNamingANodeThatIsNotAPeerIsRefused() throws Exception {
    assertRefused(pki.node("court", "node9"), RejectionReason.UNKNOWN_PEER);
  }

  @Test
  void aClientCertificateIsNotANodeCertificate() throws Exception {
    assertRefused(
        pki.issue(pki.ca("court"), "node2", MemberRole.CLIENT, ago(1), ahead(1)),
        RejectionReason.WRONG_ROLE);
  }

  @Test
  void anotherOrganisationsCaCannotIssueForAPinnedPeer() throws Exception {
    // The housing office's CA issues "node2" for itself; node2 is the court's.
    assertRefused(pki.node("housing", "node2"), RejectionReason.WRONG_ORGANISATION);
  }

  @Test
  void aCaCannotVouchForAnotherOrganisationsMember() throws Exception {
    // Subject says court, signature is the housing office's CA: refused whoever the peer is.
    assertRefused(
        pki.forged("court", pki.ca("housing"), "node3"), RejectionReason.UNTRUSTED_ISSUER);
  }

  @Test
  void anUnpinnedPeerIsAcceptedFromAnyMemberOrganisation() throws Exception {
    try (RawPeerClient node3 = new RawPeerClient(pki.node("court", "node3"), node1.port())) {
      assertThat(node3.push(Channel.TRANSACTIONS, "tx").status().isOk()).isTrue();
    }
    assertThat(handler.received())
        .extracting(RecordingHandler.Received::from)
        .containsExactly(new PeerId("node3", "court"));
  }

  @Test
  void revokingAConnectedPeerCutsItsStreamAndRefusesItsReconnection() {
    TestPki consortium = pki;
    RecordingHandler node2Handler = new RecordingHandler();
    TlsMaterial node2Tls = consortium.node("court", "node2");
    try (GrpcPeerNetwork node2 =
        GrpcPeerNetwork.start(
            new NetworkSettings(
                "node2",
                "court",
                "127.0.0.1",
                0,
                node2Tls,
                List.of(PeerAddress.unresolved("node1", "tax-bureau")),
                TestCluster.testLimits(),
                RevocationSet.empty(),
                Clock.systemUTC()),
            node2Handler)) {
      node2.connect("node1", new org.chancery.core.config.HostPort("127.0.0.1", node1.port()));
      node2.send("node1", Channel.CONSENSUS, RecordingHandler.bytes("before"));
      Eventually.until("node1 gets the first message", () -> handler.texts().contains("before"));

      node1.updateRevocations(RevocationSet.empty().with(node2Tls.certificate()));
      node2.send("node1", Channel.CONSENSUS, RecordingHandler.bytes("after"));

      Eventually.until(
          "node2's reconnection refused as revoked",
          () -> node1.rejectedPeers().get(RejectionReason.REVOKED) >= 1);
      assertThat(handler.texts()).containsExactly("before");
      assertThat(TestCluster.state(node2, "node1").connected()).isFalse();
    }
  }

  @Test
  void theDiallerRefusesAServerPresentingAnotherPeersCertificate() {
    // node1 believes node2 listens where node3 does.
    RecordingHandler node3Handler = new RecordingHandler();
    try (GrpcPeerNetwork node3 =
        GrpcPeerNetwork.start(
            new NetworkSettings(
                "node3",
                "housing",
                "127.0.0.1",
                0,
                pki.node("housing", "node3"),
                List.of(PeerAddress.unresolved("node1", null)),
                TestCluster.testLimits(),
                RevocationSet.empty(),
                Clock.systemUTC()),
            node3Handler)) {
      node1.connect("node2", new org.chancery.core.config.HostPort("127.0.0.1", node3.port()));
      node1.send("node2", Channel.CONSENSUS, RecordingHandler.bytes("for node2 only"));

      Eventually.until(
          "node1 refuses node3 posing as node2",
          () -> node1.rejectedPeers().get(RejectionReason.UNEXPECTED_PEER) >= 1);
      assertThat(node3Handler.received()).isEmpty();
      assertThat(TestCluster.state(node1, "node2").connected()).isFalse();
      assertThat(TestCluster.state(node1, "node2").queued()).isEqualTo(1);
    }
  }

  @Test
  void theDiallerRefusesAServerWhoseCaItDoesNotTrust() {
    CertificateAuthority rogue = pki.newCa("rogue");
    // The rogue server trusts its own CA, so it starts; node1 does not.
    TlsMaterial rogueTls = pki.issue(rogue, "node3", MemberRole.NODE, ago(1), ahead(1));
    try (GrpcPeerNetwork fake =
        GrpcPeerNetwork.start(
            new NetworkSettings(
                "node3",
                "rogue",
                "127.0.0.1",
                0,
                rogueTls,
                List.of(PeerAddress.unresolved("node1", null)),
                TestCluster.testLimits(),
                RevocationSet.empty(),
                Clock.systemUTC()),
            new RecordingHandler())) {
      node1.connect("node3", new org.chancery.core.config.HostPort("127.0.0.1", fake.port()));
      node1.send("node3", Channel.CONSENSUS, RecordingHandler.bytes("secret"));

      Eventually.until(
          "node1 refuses the rogue server",
          () -> node1.rejectedPeers().get(RejectionReason.UNTRUSTED_ISSUER) >= 1);
      assertThat(TestCluster.state(node1, "node3").messagesSent()).isZero();
    }
  }

  @Test
  void aNodeWhoseOwnCertificateExpiredDoesNotStart() {
    TlsMaterial expired = pki.issue(pki.ca("tax-bureau"), "node4", MemberRole.NODE, ago(3), ago(2));
    NetworkSettings settings =
        new NetworkSettings(
            "node4",
            "tax-bureau",
            "127.0.0.1",
            0,
            expired,
            List.of(),
            TestCluster.testLimits(),
            RevocationSet.empty(),
            Clock.systemUTC());

    assertThatThrownBy(() -> GrpcPeerNetwork.start(settings, new RecordingHandler()))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("EXPIRED")
        .hasMessageContaining("expired at");
  }

  @Test
  void aNodeConfiguredUnderAnotherNameThanItsCertificateDoesNotStart() {
    NetworkSettings settings =
        new NetworkSettings(
            "node5",
            "tax-bureau",
            "127.0.0.1",
            0,
            pki.node("tax-bureau", "node4"),
            List.of(),
            TestCluster.testLimits(),
            RevocationSet.empty(),
            Clock.systemUTC());

    assertThatThrownBy(() -> GrpcPeerNetwork.start(settings, new RecordingHandler()))
        .isInstanceOf(InvalidNetworkSettingsException.class)
        .hasMessageContaining("configured as node5 of tax-bureau")
        .hasMessageContaining("names node4 of tax-bureau");
  }

  /**
   * The intruder's push fails, node1's handler sees nothing, and node1 counts exactly one refusal,
   * for {@code reason}.
   */
  private void assertRefused(TlsMaterial intruder, RejectionReason reason) throws Exception {
    PushResult result;
    try (RawPeerClient client = new RawPeerClient(intruder, node1.port())) {
      result = client.push(Channel.CONSENSUS, "let me in");
    }
    assertThat(result.status().isOk()).as("push status").isFalse();
    assertThat(result.received()).isEqualTo(-1);
    Eventually.until(
        "node1 counts a " + reason + " refusal", () -> node1.rejectedPeers().get(reason) == 1);
    Map<RejectionReason, Long> counts = node1.rejectedPeers();
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
        .as("refusals of any reason: %s", counts)
        .isEqualTo(1);
    assertThat(handler.received()).isEmpty();
  }

  private java.time.Instant ago(int days) {
    return pki.now().minus(Duration.ofDays(days));
  }

  private java.time.Instant ahead(int days) {
    return pki.now().plus(Duration.ofDays(days));
  }
}
