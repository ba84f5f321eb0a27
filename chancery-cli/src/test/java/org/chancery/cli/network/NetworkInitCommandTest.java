package org.chancery.cli.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.chancery.cli.ChanceryCli;
import org.chancery.core.genesis.ConsensusType;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.core.genesis.ValidatorEntry;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.WrongPassphraseException;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateValidator;
import org.chancery.crypto.pki.MemberIdentity;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.node.config.NodeConfig;
import org.chancery.node.config.NodeConfigCodec;
import org.chancery.node.network.NetworkDescription;
import org.chancery.node.network.NetworkDescriptionYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkInitCommandTest {

  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private static Run chancery(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ChanceryCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  private static Genesis genesis(Path dir) throws Exception {
    return GenesisCodec.decode("genesis.json", Files.readAllBytes(dir.resolve("genesis.json")));
  }

  @Test
  void fourOrganisationNetworkHasFourBftValidatorsAndEveryFile() throws Exception {
    Path dir = tmp.resolve("net");
    Run run = chancery("network", "init", "--orgs", "4", "--out", dir.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Network chancery-local (suite sm)").contains("node4");
    Genesis g = genesis(dir);
    assertThat(g.suite()).isEqualTo("sm");
    assertThat(g.consensus().type()).isEqualTo(ConsensusType.BFT);
    assertThat(g.organisations())
        .extracting(OrganisationEntry::id)
        .containsExactly("org1", "org2", "org3", "org4");
    assertThat(g.validators())
        .extracting(ValidatorEntry::name)
        .containsExactly("node1", "node2", "node3", "node4");
    assertThat(g.governance().required(4)).isEqualTo(3);
    for (int i = 1; i <= 4; i++) {
      Path org = dir.resolve("orgs/org" + i);
      for (String f :
          List.of(
              "ca/identity-ca.pem",
              "ca/identity-ca.key",
              "ca/tls-ca.pem",
              "ca/tls-ca.key",
              "nodes/node" + i + "/node.yaml",
              "nodes/node" + i + "/identity/cert.pem",
              "nodes/node" + i + "/identity/key.pem",
              "nodes/node" + i + "/tls/cert.pem",
              "nodes/node" + i + "/tls/key.pem",
              "nodes/node" + i + "/tls/ca-bundle.pem",
              "users/admin/cert.pem",
              "users/admin/key.pem",
              "users/client/cert.pem")) {
        assertThat(org.resolve(f)).as(f).isRegularFile();
      }
    }
    assertThat(dir.resolve("orgs/org1/users/regulator/cert.pem")).isRegularFile();
    assertThat(dir.resolve("network.yaml")).isRegularFile();
    assertThat(Files.getPosixFilePermissions(dir.resolve("orgs/org1/ca/identity-ca.key")))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    try (Stream<Path> files = Files.list(dir.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("net");
    }
  }

  @Test
  void everyIssuedCertificateValidatesAgainstTheGenesisCas() throws Exception {
    Path dir = tmp.resolve("net");
    assertThat(chancery("network", "init", "--orgs", "4", "--out", dir.toString()).exit()).isZero();
    Genesis g = genesis(dir);
    List<X509Certificate> identityCas = new ArrayList<>();
    List<X509Certificate> tlsCas = new ArrayList<>();
    for (OrganisationEntry o : g.organisations()) {
      identityCas.add(PemCodec.decodeCertificate(o.identityCa()));
      tlsCas.add(PemCodec.decodeCertificate(o.tlsCa()));
    }
    CertificateValidator identities = new CertificateValidator(identityCas, RevocationSet.empty());
    CertificateValidator tls = new CertificateValidator(tlsCas, RevocationSet.empty());
    Instant now = Instant.now();

    for (ValidatorEntry v : g.validators()) {
      MemberIdentity id =
          identities.validate(
              PemCodec.decodeCertificate(v.identityCertificate()), now, Set.of(MemberRole.NODE));
      assertThat(id.organisation()).isEqualTo(v.organisation());
      assertThat(id.commonName()).isEqualTo(v.name());
      assertThat(id.publicKey().toHex()).isEqualTo(v.publicKey());
      assertThat(id.publicKey().curve()).isEqualTo(Curve.SM2P256V1);

      Path nodeDir = dir.resolve("orgs/" + v.organisation() + "/nodes/" + v.name());
      NodeConfig config = NodeConfigCodec.read(nodeDir.resolve("node.yaml"));
      assertThat(config.validator()).isTrue();
      assertThat(config.genesisHash())
          .isEqualTo(GenesisCodec.hash("sm", Files.readAllBytes(dir.resolve("genesis.json"))));
      assertThat(config.peers()).hasSize(3);
      EcPrivateKey key =
          PemCodec.decodePrivateKey(Files.readString(config.identityKey()), null, Curve.SM2P256V1);
      assertThat(key.publicKey().toHex()).isEqualTo(v.publicKey());
      MemberIdentity tlsId =
          tls.validate(PemCodec.decodeCertificate(Files.readString(config.tlsCertificate())), now);
      assertThat(tlsId.publicKey().curve()).isEqualTo(Curve.P256);
      assertThat(PemCodec.decodeCertificates(Files.readString(config.tlsCaBundle()))).hasSize(4);
    }
    MemberIdentity regulator =
        identities.validate(
            PemCodec.decodeCertificate(
                Files.readString(dir.resolve("orgs/org1/users/regulator/cert.pem"))),
            now);
    assertThat(regulator.role()).isEqualTo(MemberRole.REGULATOR);
    MemberIdentity admin =
        identities.validate(
            PemCodec.decodeCertificate(
                Files.readString(dir.resolve("orgs/org3/users/admin/cert.pem"))),
            now);
    assertThat(admin.role()).isEqualTo(MemberRole.ADMIN);
    assertThat(admin.organisation()).isEqualTo("org3");
  }

  @Test
  void jsonOutputIsOneDocumentListingNodesAndIdentities() throws Exception {
    Path dir = tmp.resolve("net");
    Run run =
        chancery(
            "network", "init", "--orgs", "2", "--suite", "nist", "--out", dir.toString(), "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("suite").asText()).isEqualTo("nist");
    assertThat(doc.get("genesisHash").asText()).matches("[0-9a-f]{64}");
    assertThat(doc.get("nodes")).hasSize(2);
    assertThat(doc.get("nodes").get(1).get("api").asText()).isEqualTo("http://127.0.0.1:7201");
    assertThat(Path.of(doc.get("nodes").get(0).get("config").asText())).isRegularFile();
    assertThat(doc.get("users")).hasSize(5);
    String validatorKey = genesis(dir).validators().get(0).publicKey();
    assertThat(EcPublicKey.fromSubjectPublicKeyInfo(HexFormat.of().parseHex(validatorKey)).curve())
        .isEqualTo(Curve.P256);
  }

  @Test
  void soloMakesTheFirstNodeTheOnlyValidator() throws Exception {
    Path dir = tmp.resolve("net");
    assertThat(
            chancery(
                    "network",
                    "init",
                    "--orgs",
                    "3",
                    "--consensus",
                    "solo",
                    "--out",
                    dir.toString())
                .exit())
        .isZero();
    Genesis g = genesis(dir);
    assertThat(g.consensus().type()).isEqualTo(ConsensusType.SOLO);
    assertThat(g.validators()).extracting(ValidatorEntry::name).containsExactly("node1");
    assertThat(NodeConfigCodec.read(dir.resolve("orgs/org2/nodes/node2/node.yaml")).validator())
        .isFalse();
  }

  @Test
  void refusesANonEmptyDirectoryWithoutForceAndChangesNothing() throws Exception {
    Path dir = tmp.resolve("net");
    assertThat(chancery("network", "init", "--orgs", "1", "--out", dir.toString()).exit()).isZero();
    byte[] before = Files.readAllBytes(dir.resolve("genesis.json"));

    Run again = chancery("network", "init", "--orgs", "1", "--out", dir.toString());

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("is not empty").contains("--force");
    assertThat(Files.readAllBytes(dir.resolve("genesis.json"))).isEqualTo(before);
  }

  @Test
  void forceReplacesAnEarlierNetwork() throws Exception {
    Path dir = tmp.resolve("net");
    assertThat(chancery("network", "init", "--orgs", "4", "--out", dir.toString()).exit()).isZero();
    byte[] before = Files.readAllBytes(dir.resolve("genesis.json"));

    Run again = chancery("network", "init", "--orgs", "2", "--out", dir.toString(), "--force");

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("genesis.json"))).isNotEqualTo(before);
    assertThat(dir.resolve("orgs/org4")).doesNotExist();
  }

  @Test
  void forceRefusesADirectoryHoldingOtherFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(dir.resolve("thesis.tex"), "precious");

    Run run = chancery("network", "init", "--orgs", "1", "--out", dir.toString(), "--force");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("thesis.tex").contains("did not write");
    assertThat(Files.readString(dir.resolve("thesis.tex"))).isEqualTo("precious");
  }

  @Test
  void yamlDescriptionIsBuiltAndCopiedVerbatim() throws Exception {
    String yaml =
        """
        # our pilot
        chainId: city-records
        suite: nist
        organisations:
          - id: land-bureau
            name: Municipal Land Bureau
            nodes:
              - name: land1
                host: 127.0.0.1
                p2pPort: 9100
                apiPort: 9200
                dnsNames: [land1.example.org]
            users:
              - name: clerk
                role: client
          - id: tax-office
            nodes:
              - name: tax1
                host: localhost
                p2pPort: 9101
                apiPort: 9201
                validator: false
        governance:
          rule: all
        """;
    Path file = Files.writeString(tmp.resolve("network.yaml"), yaml);
    Path dir = tmp.resolve("net");

    Run run = chancery("network", "init", "--config", file.toString(), "--out", dir.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("network.yaml"))).isEqualTo(yaml);
    Genesis g = genesis(dir);
    assertThat(g.chainId()).isEqualTo("city-records");
    assertThat(g.validators()).extracting(ValidatorEntry::name).containsExactly("land1");
    assertThat(g.validators().get(0).address()).isEqualTo("127.0.0.1:9100");
    X509Certificate tlsCert =
        PemCodec.decodeCertificate(
            Files.readString(dir.resolve("orgs/land-bureau/nodes/land1/tls/cert.pem")));
    assertThat(tlsCert.getSubjectAlternativeNames())
        .extracting(l -> l.get(1).toString())
        .contains("land1.example.org", "127.0.0.1");
    assertThat(dir.resolve("orgs/land-bureau/users/clerk/cert.pem")).isRegularFile();
  }

  @Test
  void renderedDescriptionParsesBackToTheSameNetwork() {
    NetworkDescription d = NetworkDescription.local(4, "sm", ConsensusType.BFT, "127.0.0.1", 7100);
    assertThat(NetworkDescriptionYaml.parse("network.yaml", NetworkDescriptionYaml.render(d)))
        .isEqualTo(d);
  }

  @Test
  void badYamlNamesTheLineAndFieldAndWritesNothing() throws Exception {
    String yaml =
        """
        chainId: demo
        organisations:
          - id: org1
            nodes:
              - name: node1
                host: 127.0.0.1
                p2pPort: 70000
                apiPort: 7200
        """;
    Path file = Files.writeString(tmp.resolve("network.yaml"), yaml);
    Path dir = tmp.resolve("net");

    Run run = chancery("network", "init", "--config", file.toString(), "--out", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "error: network.yaml line 7, organisations[0].nodes[0].p2pPort: must be"
                + " between 1 and 65535, got 70000");
    assertThat(dir).doesNotExist();
  }

  @Test
  void yamlMistakesAreEachReportedPrecisely() {
    assertYamlError(
        "chainId: demo\nsuite: rsa\norganisations: []\n",
        "network.yaml line 2, suite: must be one of [sm, nist], got 'rsa'");
    assertYamlError(
        "chainId: Demo!\norganisations: []\n",
        "network.yaml line 1, chainId: must be 1-63 characters");
    assertYamlError(
        "chainId: demo\norganisations: []\n",
        "network.yaml line 2, organisations: must list at least one organisation");
    assertYamlError(
        "chainId: demo\norganisations:\n  - id: a\n    nodes:\n      - name: n1\n        host: h\n"
            + "        p2pPort: 1\n        apiPort: 2\n        validatr: true\n",
        "network.yaml line 9, organisations[0].nodes[0].validatr: unknown field 'validatr'");
    assertYamlError(
        "chainId: demo\norganisations:\n  - id: a\n    nodes:\n      - name: n1\n        host: h\n"
            + "        p2pPort: 1\n        apiPort: 2\n  - id: b\n    nodes:\n      - name: n1\n"
            + "        host: h2\n        p2pPort: 1\n        apiPort: 2\n",
        "network.yaml line 11, organisations[1].nodes[0].name: node name 'n1' is already used");
    assertYamlError(
        "chainId: demo\norganisations:\n  - id: a\n    nodes:\n      - name: n1\n        host: h\n"
            + "        p2pPort: 1\n        apiPort: 1\n",
        "network.yaml line 8, organisations[0].nodes[0].apiPort: endpoint h:1 is already used");
    assertYamlError(
        "chainId: demo\norganisations:\n  - id: a\n    nodes:\n      - name: n1\n        host: h\n"
            + "        p2pPort: 1\n        apiPort: 2\n        validator: false\n",
        "no node has validator: true");
    assertYamlError(
        "chainId: demo\nconsensus:\n  type: solo\norganisations:\n  - id: a\n    nodes:\n"
            + "      - {name: n1, host: h, p2pPort: 1, apiPort: 2}\n"
            + "      - {name: n2, host: h, p2pPort: 3, apiPort: 4}\n",
        "network.yaml line 3, consensus: solo consensus takes exactly one validator, but 2");
    assertYamlError(
        "chainId: demo\norganisations:\n  - id: a\n    users:\n      - {name: x, role: node}\n"
            + "    nodes:\n      - {name: n1, host: h, p2pPort: 1, apiPort: 2}\n",
        "network.yaml line 5, organisations[0].users[0].role: must be admin, client or regulator");
    assertYamlError(
        "chainId: demo\ngovernance:\n  rule: threshold\n  threshold: 5\norganisations:\n"
            + "  - id: a\n    nodes:\n      - {name: n1, host: h, p2pPort: 1, apiPort: 2}\n",
        "network.yaml line 4, governance.threshold: must be between 1 and 1, got 5");
    assertYamlError(
        "chainId: demo\nchainId: other\norganisations: []\n",
        "network.yaml line 2, chainId: duplicate field (first given on line 1)");
    assertYamlError("chainId: [demo\n", "network.yaml line ");
  }

  private static void assertYamlError(String yaml, String expected) {
    assertThatThrownBy(() -> NetworkDescriptionYaml.parse("network.yaml", yaml))
        .hasMessageStartingWith(expected.startsWith("network.yaml") ? expected : "network.yaml")
        .hasMessageContaining(expected);
  }

  @Test
  void caPassphraseEncryptsCaKeys() throws Exception {
    Path pass = Files.writeString(tmp.resolve("pass.txt"), "correct horse\n");
    Path dir = tmp.resolve("net");
    assertThat(
            chancery(
                    "network",
                    "init",
                    "--orgs",
                    "1",
                    "--out",
                    dir.toString(),
                    "--ca-passphrase-file",
                    pass.toString())
                .exit())
        .isZero();
    String pem = Files.readString(dir.resolve("orgs/org1/ca/identity-ca.key"));

    assertThat(pem).contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThatThrownBy(() -> PemCodec.decodePrivateKey(pem, null))
        .isInstanceOf(WrongPassphraseException.class);
    assertThat(PemCodec.decodePrivateKey(pem, "correct horse".toCharArray()).curve())
        .isEqualTo(Curve.SM2P256V1);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(chancery("network", "init", "--out", tmp.resolve("a").toString()).exit())
        .isEqualTo(2);
    assertThat(
            chancery(
                    "network",
                    "init",
                    "--orgs",
                    "2",
                    "--config",
                    "x.yaml",
                    "--out",
                    tmp.resolve("a").toString())
                .exit())
        .isEqualTo(2);
    Run zero = chancery("network", "init", "--orgs", "0", "--out", tmp.resolve("a").toString());
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("--orgs must be between 1 and 64, got 0");
    Run suite =
        chancery(
            "network",
            "init",
            "--orgs",
            "1",
            "--suite",
            "rsa",
            "--out",
            tmp.resolve("a").toString());
    assertThat(suite.exit()).isEqualTo(2);
    assertThat(suite.err()).contains("--suite must be sm or nist");
    Run missing =
        chancery(
            "network",
            "init",
            "--config",
            tmp.resolve("nope.yaml").toString(),
            "--out",
            tmp.resolve("a").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    assertThat(tmp.resolve("a")).doesNotExist();
  }

  @Test
  void openSslVerifiesTheWrittenChains() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    Path dir = tmp.resolve("net");
    assertThat(chancery("network", "init", "--orgs", "2", "--out", dir.toString()).exit()).isZero();
    Path org = dir.resolve("orgs/org2");
    assertThat(
            openssl(
                dir,
                "verify",
                "-CAfile",
                org.resolve("ca/tls-ca.pem").toString(),
                org.resolve("nodes/node2/tls/cert.pem").toString()))
        .isZero();
    assertThat(
            openssl(
                dir,
                "verify",
                "-vfyopt",
                "distid:1234567812345678",
                "-CAfile",
                org.resolve("ca/identity-ca.pem").toString(),
                org.resolve("users/admin/cert.pem").toString()))
        .isZero();
    assertThat(
            openssl(
                dir,
                "verify",
                "-CAfile",
                dir.resolve("orgs/org1/ca/tls-ca.pem").toString(),
                org.resolve("nodes/node2/tls/cert.pem").toString()))
        .isNotZero();
  }

  private static int openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor();
  }
}
