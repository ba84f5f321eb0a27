package org.chancery.core.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.config.ConfigException;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateAuthority;
import org.chancery.crypto.pki.CertificateRequest;
import org.chancery.crypto.pki.MemberRole;
import org.junit.jupiter.api.Test;

class GenesisCodecTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A valid genesis of {@code orgs} organisations with one validator each. */
  static Genesis genesis(String suiteName, int orgs, ConsensusType type) {
    CryptoSuite suite = CryptoSuite.byName(suiteName);
    Instant from = T0.minus(Duration.ofHours(1));
    Instant to = T0.plus(Duration.ofDays(365));
    List<OrganisationEntry> organisations = new ArrayList<>();
    List<ValidatorEntry> validators = new ArrayList<>();
    for (int i = 1; i <= orgs; i++) {
      CertificateAuthority id = CertificateAuthority.createIdentityCa(suite, "org" + i, from, to);
      CertificateAuthority tls = CertificateAuthority.createTlsCa("org" + i, from, to);
      organisations.add(
          new OrganisationEntry(
              "org" + i,
              "Org " + i,
              PemCodec.encodeCertificate(id.certificate()),
              PemCodec.encodeCertificate(tls.certificate())));
      EcKeyPair keys = suite.generateKeyPair();
      validators.add(
          new ValidatorEntry(
              "node" + i,
              "org" + i,
              keys.publicKey().toHex(),
              PemCodec.encodeCertificate(
                  id.issueIdentity(
                      new CertificateRequest(
                          "node" + i,
                          MemberRole.NODE,
                          keys.publicKey(),
                          List.of(),
                          List.of(),
                          from,
                          to))),
              "127.0.0.1:" + (7100 + i),
              1));
    }
    return new Genesis(
        "test-chain",
        suiteName,
        T0,
        organisations,
        validators,
        ConsensusParameters.defaults(type),
        TransactionParameters.defaults(),
        GovernancePolicy.majority());
  }

  private static final Genesis SM4 = genesis("sm", 4, ConsensusType.BFT);

  private static String json(Genesis g) {
    return new String(GenesisCodec.encode(g), StandardCharsets.UTF_8);
  }

  private static ConfigException decodeFails(String json) {
    try {
      GenesisCodec.decode("genesis.json", json.getBytes(StandardCharsets.UTF_8));
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("genesis was accepted:\n" + json);
  }

  @Test
  void roundTripsBothSuites() {
    for (Genesis g : List.of(SM4, genesis("nist", 1, ConsensusType.SOLO))) {
      byte[] bytes = GenesisCodec.encode(g);
      assertThat(GenesisCodec.decode("genesis.json", bytes)).isEqualTo(g);
    }
  }

  @Test
  void encodingIsDeterministicAndTheHashCoversEveryByte() {
    byte[] a = GenesisCodec.encode(SM4);
    byte[] b = GenesisCodec.encode(GenesisCodec.decode("genesis.json", a));
    assertThat(b).isEqualTo(a);
    assertThat(new String(a, StandardCharsets.UTF_8)).endsWith("}\n").doesNotContain("\r");
    String hash = GenesisCodec.hash("sm", a);
    assertThat(hash).matches("[0-9a-f]{64}");
    a[10] ^= 1;
    assertThat(GenesisCodec.hash("sm", a)).isNotEqualTo(hash);
  }

  @Test
  void unknownFieldIsNamedWithItsLine() {
    String json =
        json(SM4).replaceFirst("\"suite\" : \"sm\",", "\"suite\" : \"sm\",\n  \"extra\" : 1,");
    ConfigException e = decodeFails(json);
    assertThat(e.getMessage()).contains("extra").startsWith("genesis.json line 4");
  }

  @Test
  void missingFieldIsNamed() {
    String json = json(SM4).replaceFirst("\"chainId\" : \"test-chain\",", "");
    assertThat(decodeFails(json).getMessage()).contains("chainId");
  }

  @Test
  void wrongTypeIsNamed() {
    String json = json(SM4).replaceFirst("\"power\" : 1", "\"power\" : \"one\"");
    ConfigException e = decodeFails(json);
    assertThat(e.field()).isEqualTo("validators[0].power");
  }

  @Test
  void syntaxErrorAndTrailingGarbageAreRejected() {
    assertThat(decodeFails("{\"chainId\": ").getMessage()).contains("genesis.json");
    assertThat(decodeFails(json(SM4) + "{}").getMessage()).contains("genesis.json");
  }

  @Test
  void badValuesAreRejectedWithTheField() {
    assertThat(decodeFails(json(SM4).replace("test-chain", "Test Chain")).field())
        .isEqualTo("chainId");
    assertThat(decodeFails(json(SM4).replace("\"suite\" : \"sm\"", "\"suite\" : \"rsa\"")).field())
        .isEqualTo("suite");
    assertThat(
            decodeFails(json(SM4).replace("\"type\" : \"bft\"", "\"type\" : \"raft\""))
                .getMessage())
        .contains("raft");
    assertThat(
            decodeFails(
                    json(SM4).replace("\"organisation\" : \"org2\"", "\"organisation\" : \"org9\""))
                .getMessage())
        .contains("validators[1].organisation")
        .contains("org9");
    assertThat(
            decodeFails(
                    json(SM4)
                        .replace("\"address\" : \"127.0.0.1:7102\"", "\"address\" : \"nowhere\""))
                .field())
        .isEqualTo("validators[1].address");
    String json = json(SM4);
    int line =
        json.substring(0, json.indexOf("\"address\" : \"127.0.0.1:7102\"")).split("\n").length;
    assertThat(
            decodeFails(
                    json.replace("\"address\" : \"127.0.0.1:7102\"", "\"address\" : \"nowhere\""))
                .line())
        .isEqualTo(line);
  }

  @Test
  void soloTakesExactlyOneValidator() {
    Genesis g = SM4;
    Genesis solo =
        new Genesis(
            g.chainId(),
            g.suite(),
            g.genesisTime(),
            g.organisations(),
            g.validators(),
            ConsensusParameters.defaults(ConsensusType.SOLO),
            g.transactions(),
            g.governance());
    assertThatThrownBy(() -> GenesisCodec.encode(solo))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("solo consensus takes exactly one validator, got 4");
  }

  @Test
  void validatorCertificateMustChainToItsOwnOrganisation() {
    Genesis g = SM4;
    List<ValidatorEntry> vs = new ArrayList<>(g.validators());
    ValidatorEntry v = vs.get(0);
    vs.set(
        0,
        new ValidatorEntry(
            v.name(), "org2", v.publicKey(), v.identityCertificate(), v.address(), 1));
    Genesis bad =
        new Genesis(
            g.chainId(),
            g.suite(),
            g.genesisTime(),
            g.organisations(),
            vs,
            g.consensus(),
            g.transactions(),
            g.governance());
    assertThatThrownBy(() -> GenesisCodec.encode(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("validators[0].identityCertificate");
  }

  @Test
  void validatorKeyMustMatchItsCertificate() {
    Genesis g = SM4;
    List<ValidatorEntry> vs = new ArrayList<>(g.validators());
    ValidatorEntry v0 = vs.get(0);
    ValidatorEntry v1 = vs.get(1);
    vs.set(
        0,
        new ValidatorEntry(
            v0.name(),
            v0.organisation(),
            CryptoSuite.byName("sm").generateKeyPair().publicKey().toHex(),
            v0.identityCertificate(),
            v0.address(),
            1));
    Genesis bad =
        new Genesis(
            g.chainId(),
            g.suite(),
            g.genesisTime(),
            g.organisations(),
            vs,
            g.consensus(),
            g.transactions(),
            g.governance());
    assertThatThrownBy(() -> GenesisCodec.encode(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("holds a different key");
    assertThat(v1.name()).isEqualTo("node2");
  }

  @Test
  void validatorKeyOnTheWrongCurveIsRejected() {
    Genesis g = SM4;
    List<ValidatorEntry> vs = new ArrayList<>(g.validators());
    ValidatorEntry v = vs.get(0);
    vs.set(
        0,
        new ValidatorEntry(
            v.name(),
            v.organisation(),
            CryptoSuite.byName("nist").generateKeyPair().publicKey().toHex(),
            v.identityCertificate(),
            v.address(),
            1));
    Genesis bad =
        new Genesis(
            g.chainId(),
            g.suite(),
            g.genesisTime(),
            g.organisations(),
            vs,
            g.consensus(),
            g.transactions(),
            g.governance());
    assertThatThrownBy(() -> GenesisCodec.encode(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "validators[0].publicKey: key is on secp256r1 but suite 'sm' needs" + " sm2p256v1");
  }

  @Test
  void certificatesNotYetValidAtGenesisTimeAreRejected() {
    Genesis g = SM4;
    Genesis early =
        new Genesis(
            g.chainId(),
            g.suite(),
            T0.minus(Duration.ofDays(2)),
            g.organisations(),
            g.validators(),
            g.consensus(),
            g.transactions(),
            g.governance());
    assertThatThrownBy(() -> GenesisCodec.encode(early))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("validators[0].identityCertificate");
  }

  @Test
  void governanceThresholdMustFitTheOrganisations() {
    Genesis g = SM4;
    Genesis bad =
        new Genesis(
            g.chainId(),
            g.suite(),
            g.genesisTime(),
            g.organisations(),
            g.validators(),
            g.consensus(),
            g.transactions(),
            new GovernancePolicy(GovernancePolicy.Rule.THRESHOLD, 5));
    assertThatThrownBy(() -> GenesisCodec.encode(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("governance.threshold");
    assertThat(GovernancePolicy.majority().required(4)).isEqualTo(3);
    assertThat(GovernancePolicy.majority().required(5)).isEqualTo(3);
    assertThat(new GovernancePolicy(GovernancePolicy.Rule.ALL, 0).required(4)).isEqualTo(4);
  }

  private static Genesis withEvidence(Genesis g, EvidenceParameters evidence) {
    return new Genesis(
        g.chainId(),
        g.suite(),
        g.genesisTime(),
        g.organisations(),
        g.validators(),
        g.consensus(),
        g.transactions(),
        g.governance(),
        evidence);
  }

  @Test
  void evidenceLimitsDefaultWhenAbsentAndDefaultsAreNotWritten() {
    String json = json(SM4);
    assertThat(json).doesNotContain("evidence");
    assertThat(
            GenesisCodec.decode("genesis.json", json.getBytes(StandardCharsets.UTF_8)).evidence())
        .isEqualTo(EvidenceParameters.defaults());
    assertThat(EvidenceParameters.defaults().limits().maxBatchDeposits()).isEqualTo(100);
    assertThat(EvidenceParameters.defaults().limits().maxMetadataBytes()).isEqualTo(4096);
  }

  @Test
  void evidenceLimitsRoundTrip() {
    Genesis g = withEvidence(SM4, new EvidenceParameters(7, 512));
    byte[] bytes = GenesisCodec.encode(g);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"maxBatchDeposits\" : 7");
    Genesis back = GenesisCodec.decode("genesis.json", bytes);
    assertThat(back).isEqualTo(g);
    assertThat(back.evidence().limits().maxMetadataBytes()).isEqualTo(512);
  }

  @Test
  void badEvidenceLimitsAreRejectedWithTheField() {
    String json = json(withEvidence(SM4, new EvidenceParameters(7, 512)));
    assertThat(
            decodeFails(json.replace("\"maxBatchDeposits\" : 7", "\"maxBatchDeposits\" : 0"))
                .field())
        .isEqualTo("evidence.maxBatchDeposits");
    assertThat(
            decodeFails(json.replace("\"maxBatchDeposits\" : 7", "\"maxBatchDeposits\" : 257"))
                .field())
        .isEqualTo("evidence.maxBatchDeposits");
    assertThat(
            decodeFails(json.replace("\"maxMetadataBytes\" : 512", "\"maxMetadataBytes\" : 1"))
                .field())
        .isEqualTo("evidence.maxMetadataBytes");
    assertThat(
            decodeFails(json.replace("\"maxMetadataBytes\" : 512", "\"maxMetadataBytes\" : 70000"))
                .field())
        .isEqualTo("evidence.maxMetadataBytes");
    assertThat(decodeFails(json.replace("\"maxBatchDeposits\" : 7,", "")).getMessage())
        .contains("maxBatchDeposits");
    assertThat(
            decodeFails(
                    json.replace(
                        "\"maxBatchDeposits\" : 7,", "\"maxBatchDeposits\" : 7, \"other\" : 1,"))
                .getMessage())
        .contains("other");
    assertThatThrownBy(() -> GenesisCodec.encode(withEvidence(SM4, null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("evidence");
  }
}
