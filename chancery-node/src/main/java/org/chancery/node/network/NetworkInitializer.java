package org.chancery.node.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chancery.core.config.HostPort;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.core.genesis.ValidatorEntry;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateAuthority;
import org.chancery.crypto.pki.CertificateRequest;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.node.config.NodeConfig;
import org.chancery.node.config.NodeConfigCodec;
import org.chancery.node.network.NetworkDescription.NodeSpec;
import org.chancery.node.network.NetworkDescription.OrganisationSpec;
import org.chancery.node.network.NetworkDescription.UserSpec;

/**
 * Builds a network directory from a {@link NetworkDescription}: per organisation an identity CA and
 * a TLS CA, per node its identity and TLS keys and certificates and a {@code node.yaml}, per user
 * an identity directory, and the genesis. Everything is written to a staging directory first and
 * moved into place only when complete, so a failure leaves no half-written network.
 *
 * <pre>{@code
 * NetworkInitializer init = new NetworkInitializer(Clock.systemUTC());
 * InitResult result = init.initialize(NetworkDescription.local(4, "sm", ConsensusType.BFT,
 *     "127.0.0.1", 7100), null, Path.of("/tmp/net"), false, null);
 * }</pre>
 */
public final class NetworkInitializer {
  /** Certificates start this far in the past so that small clock differences do not matter. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private static final List<String> OWNED_ENTRIES = List.of("network.yaml", "genesis.json", "orgs");

  /**
   * What {@code --force} deletes: what init wrote plus the logs and pid files of {@code network
   * up}, which belong to the network being replaced. (Callers make sure none of its nodes runs.)
   */
  private static final List<String> REPLACED_ENTRIES =
      List.of("network.yaml", "genesis.json", "orgs", NetworkLayout.RUN);

  private final Clock clock;

  public NetworkInitializer(Clock clock) {
    this.clock = clock;
  }

  /**
   * What was written.
   *
   * @param dir the network directory
   * @param chainId the chain id
   * @param suite the crypto suite
   * @param genesisHash the genesis hash every node pins
   * @param nodes the nodes
   * @param users the user identities
   */
  public record InitResult(
      Path dir,
      String chainId,
      String suite,
      String genesisHash,
      List<NodeResult> nodes,
      List<UserResult> users) {}

  /**
   * A node that was set up.
   *
   * @param name node name
   * @param organisation its organisation
   * @param validator whether it validates
   * @param p2p its peer endpoint
   * @param api its API endpoint
   * @param config its node.yaml
   */
  public record NodeResult(
      String name, String organisation, boolean validator, String p2p, String api, Path config) {}

  /**
   * A user identity that was issued.
   *
   * @param name user name
   * @param organisation its organisation
   * @param role its role
   * @param identityDir the directory to pass as {@code --identity}
   */
  public record UserResult(String name, String organisation, String role, Path identityDir) {}

  /**
   * Writes the network directory.
   *
   * @param description what to build
   * @param descriptionYaml the YAML to save as {@code network.yaml} verbatim, or null to render
   *     {@code description}
   * @param out the network directory; created if missing
   * @param force replace an earlier network in {@code out} (its keys and data are deleted)
   * @param caPassphrase encrypts the CA keys when not null or empty
   * @throws NetworkInitException if {@code out} is not empty and {@code force} is false, or cannot
   *     be written
   */
  public InitResult initialize(
      NetworkDescription description,
      String descriptionYaml,
      Path out,
      boolean force,
      char[] caPassphrase)
      throws IOException {
    Path dir = out.toAbsolutePath().normalize();
    prepareOutput(dir, force);
    Path staging = dir.resolveSibling("." + dir.getFileName() + ".init-" + UUID.randomUUID());
    try {
      InitResult staged = build(description, descriptionYaml, staging, caPassphrase);
      Files.createDirectories(dir);
      for (String entry : OWNED_ENTRIES) {
        Files.move(staging.resolve(entry), dir.resolve(entry), StandardCopyOption.ATOMIC_MOVE);
      }
      return relocate(staged, staging, dir);
    } finally {
      deleteTree(staging);
    }
  }

  private void prepareOutput(Path dir, boolean force) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new NetworkInitException(dir + " exists and is not a directory");
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<String> present = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(p -> present.add(p.getFileName().toString()));
    }
    if (present.isEmpty()) {
      return;
    }
    if (!force) {
      throw new NetworkInitException(
          dir
              + " is not empty (it holds "
              + String.join(", ", present.stream().sorted().limit(5).toList())
              + (present.size() > 5 ? ", ..." : "")
              + "); choose another --out directory, or add --force to replace the network in it"
              + " (its keys and node data are deleted)");
    }
    List<String> foreign =
        present.stream().filter(name -> !REPLACED_ENTRIES.contains(name)).sorted().toList();
    if (!foreign.isEmpty()) {
      throw new NetworkInitException(
          dir
              + " holds files network init did not write ("
              + String.join(", ", foreign)
              + "); --force only replaces a network directory, so choose an empty --out");
    }
    for (String entry : REPLACED_ENTRIES) {
      deleteTree(dir.resolve(entry));
    }
  }

  private InitResult build(
      NetworkDescription d, String descriptionYaml, Path root, char[] caPassphrase)
      throws IOException {
    NetworkLayout layout = new NetworkLayout(root);
    CryptoSuite suite = CryptoSuite.byName(d.suite());
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = now.minus(BACKDATE);
    Instant caNotAfter = now.plus(Duration.ofDays(d.pki().caValidityDays()));
    Instant leafNotAfter = now.plus(Duration.ofDays(d.pki().certificateValidityDays()));

    Map<String, CertificateAuthority> identityCas = new LinkedHashMap<>();
    Map<String, CertificateAuthority> tlsCas = new LinkedHashMap<>();
    List<OrganisationEntry> orgEntries = new ArrayList<>();
    for (OrganisationSpec org : d.organisations()) {
      CertificateAuthority identityCa =
          CertificateAuthority.createIdentityCa(suite, org.id(), notBefore, caNotAfter);
      CertificateAuthority tlsCa =
          CertificateAuthority.createTlsCa(org.id(), notBefore, caNotAfter);
      identityCas.put(org.id(), identityCa);
      tlsCas.put(org.id(), tlsCa);
      writeCertificate(layout.identityCaCertificate(org.id()), identityCa.certificate());
      writeKey(layout.identityCaKey(org.id()), identityCa.keyPair().privateKey(), caPassphrase);
      writeCertificate(layout.tlsCaCertificate(org.id()), tlsCa.certificate());
      writeKey(layout.tlsCaKey(org.id()), tlsCa.keyPair().privateKey(), caPassphrase);
      orgEntries.add(
          new OrganisationEntry(
              org.id(),
              org.name(),
              PemCodec.encodeCertificate(identityCa.certificate()),
              PemCodec.encodeCertificate(tlsCa.certificate())));
    }
    String caBundle =
        PemCodec.encodeCertificates(
            tlsCas.values().stream().map(CertificateAuthority::certificate).toList());

    List<ValidatorEntry> validators = new ArrayList<>();
    for (OrganisationSpec org : d.organisations()) {
      for (NodeSpec node : org.nodes()) {
        EcKeyPair identity = suite.generateKeyPair();
        X509Certificate identityCert =
            identityCas
                .get(org.id())
                .issueIdentity(
                    new CertificateRequest(
                        node.name(),
                        MemberRole.NODE,
                        identity.publicKey(),
                        List.of(),
                        List.of(),
                        notBefore,
                        leafNotAfter));
        Path identityDir = layout.nodeIdentity(org.id(), node.name());
        writeCertificate(NetworkLayout.certificateIn(identityDir), identityCert);
        writeKey(NetworkLayout.keyIn(identityDir), identity.privateKey(), null);

        EcKeyPair tls = CryptoSuite.byName("nist").generateKeyPair();
        List<String> dns = new ArrayList<>(node.dnsNames());
        List<String> ips = new ArrayList<>();
        HostPort endpoint = new HostPort(node.host(), node.p2pPort());
        (endpoint.isIpLiteral() ? ips : dns).add(stripBrackets(node.host()));
        X509Certificate tlsCert =
            tlsCas
                .get(org.id())
                .issueTls(
                    new CertificateRequest(
                        node.name(),
                        MemberRole.NODE,
                        tls.publicKey(),
                        dns.stream().distinct().toList(),
                        ips,
                        notBefore,
                        leafNotAfter));
        Path tlsDir = layout.nodeTls(org.id(), node.name());
        writeCertificate(NetworkLayout.certificateIn(tlsDir), tlsCert);
        writeKey(NetworkLayout.keyIn(tlsDir), tls.privateKey(), null);
        writeText(tlsDir.resolve("ca-bundle.pem"), caBundle);

        if (node.validator()) {
          validators.add(
              new ValidatorEntry(
                  node.name(),
                  org.id(),
                  identity.publicKey().toHex(),
                  PemCodec.encodeCertificate(identityCert),
                  endpoint.toString(),
                  1));
        }
      }
    }

    List<UserResult> users = new ArrayList<>();
    for (OrganisationSpec org : d.organisations()) {
      for (UserSpec user : org.users()) {
        EcKeyPair keys = suite.generateKeyPair();
        X509Certificate cert =
            identityCas
                .get(org.id())
                .issueIdentity(
                    new CertificateRequest(
                        user.name() + "@" + org.id(),
                        user.role(),
                        keys.publicKey(),
                        List.of(),
                        List.of(),
                        notBefore,
                        leafNotAfter));
        Path userDir = layout.user(org.id(), user.name());
        writeCertificate(NetworkLayout.certificateIn(userDir), cert);
        writeKey(NetworkLayout.keyIn(userDir), keys.privateKey(), null);
        users.add(new UserResult(user.name(), org.id(), user.role().ou(), userDir));
      }
    }

    Genesis genesis =
        new Genesis(
            d.chainId(),
            d.suite(),
            now,
            orgEntries,
            validators,
            d.consensus(),
            d.transactions(),
            d.governance(),
            d.evidence());
    byte[] genesisJson = GenesisCodec.encode(genesis);
    Files.write(layout.genesis(), genesisJson);
    String genesisHash = GenesisCodec.hash(d.suite(), genesisJson);

    List<NodeResult> nodes = new ArrayList<>();
    for (OrganisationSpec org : d.organisations()) {
      for (NodeSpec node : org.nodes()) {
        List<NodeConfig.Peer> peers =
            d.nodes().stream()
                .filter(other -> !other.name().equals(node.name()))
                .map(
                    other ->
                        new NodeConfig.Peer(
                            other.name(), new HostPort(other.host(), other.p2pPort())))
                .toList();
        Path identityDir = layout.nodeIdentity(org.id(), node.name());
        Path tlsDir = layout.nodeTls(org.id(), node.name());
        NodeConfig config =
            new NodeConfig(
                node.name(),
                org.id(),
                node.validator(),
                d.chainId(),
                layout.genesis(),
                genesisHash,
                NetworkLayout.certificateIn(identityDir),
                NetworkLayout.keyIn(identityDir),
                NetworkLayout.certificateIn(tlsDir),
                NetworkLayout.keyIn(tlsDir),
                tlsDir.resolve("ca-bundle.pem"),
                new HostPort(node.host(), node.p2pPort()),
                new HostPort(node.host(), node.apiPort()),
                peers,
                layout.nodeData(org.id(), node.name()),
                NodeConfig.MempoolSettings.defaults(),
                NodeConfig.RequestLimits.defaults(),
                NodeConfig.DEFAULT_STATE_RETENTION);
        Path configFile = layout.nodeConfig(org.id(), node.name());
        NodeConfigCodec.write(config, configFile);
        nodes.add(
            new NodeResult(
                node.name(),
                org.id(),
                node.validator(),
                config.p2pListen().toString(),
                config.apiListen().toString(),
                configFile));
      }
    }

    writeText(
        layout.description(),
        descriptionYaml != null ? descriptionYaml : NetworkDescriptionYaml.render(d));
    return new InitResult(root, d.chainId(), d.suite(), genesisHash, nodes, users);
  }

  private static InitResult relocate(InitResult r, Path from, Path to) {
    return new InitResult(
        to,
        r.chainId(),
        r.suite(),
        r.genesisHash(),
        r.nodes().stream()
            .map(
                n ->
                    new NodeResult(
                        n.name(),
                        n.organisation(),
                        n.validator(),
                        n.p2p(),
                        n.api(),
                        to.resolve(from.relativize(n.config()))))
            .toList(),
        r.users().stream()
            .map(
                u ->
                    new UserResult(
                        u.name(),
                        u.organisation(),
                        u.role(),
                        to.resolve(from.relativize(u.identityDir()))))
            .toList());
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  private static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    writeText(file, PemCodec.encodeCertificate(certificate));
  }

  /** Private keys are readable by their owner only, where the file system supports it. */
  private static void writeKey(Path file, EcPrivateKey key, char[] passphrase) throws IOException {
    String pem =
        passphrase == null || passphrase.length == 0
            ? PemCodec.encodePrivateKey(key)
            : PemCodec.encodePrivateKey(key, passphrase);
    Files.createDirectories(file.getParent());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  private static void writeText(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
