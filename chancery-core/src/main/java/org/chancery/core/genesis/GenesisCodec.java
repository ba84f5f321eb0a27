package org.chancery.core.genesis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.chancery.core.config.ConfigException;
import org.chancery.core.config.JsonFieldLocator;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.Curve;
import org.chancery.crypto.EcPublicKey;
import org.chancery.crypto.pem.PemCodec;
import org.chancery.crypto.pki.CertificateValidator;
import org.chancery.crypto.pki.MemberIdentity;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;

/**
 * Reads and writes {@code genesis.json}. Writing is deterministic (fixed field order, two-space
 * indentation, LF line ends), so the same genesis always yields the same bytes and hence the same
 * {@link #hash genesis hash}. Reading checks every field and names the offending one.
 *
 * <pre>{@code
 * byte[] json = GenesisCodec.encode(genesis);
 * String pinned = GenesisCodec.hash(genesis.suite(), json);
 * Genesis again = GenesisCodec.decode("genesis.json", json);
 * }</pre>
 */
public final class GenesisCodec {
  /** Chain ids are short, lowercase and safe in file names, URLs and logs. */
  public static final Pattern CHAIN_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

  /** Organisation ids and node names: the same rule, since they appear in certificates. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private GenesisCodec() {}

  /** Encodes the genesis as canonical pretty-printed JSON ending in a newline. */
  public static byte[] encode(Genesis genesis) {
    check("genesis", genesis);
    try {
      String json = MAPPER.writeValueAsString(genesis).replace("\r\n", "\n") + "\n";
      return json.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode genesis: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes and checks a genesis file.
   *
   * @param source file name for error messages
   * @throws ConfigException naming the line and field of the first problem
   */
  public static Genesis decode(String source, byte[] json) {
    Genesis genesis;
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree instanceof ObjectNode object && !object.has("evidence")) {
        // Optional: a genesis written before the evidence limits existed has the defaults.
        object.set("evidence", MAPPER.valueToTree(EvidenceParameters.defaults()));
      }
      genesis =
          tree == null || tree.isMissingNode() ? null : MAPPER.treeToValue(tree, Genesis.class);
    } catch (JsonMappingException e) {
      String path = pathOf(e);
      int line = JsonFieldLocator.lineOf(json, path);
      throw new ConfigException(
          source, line > 0 ? line : line(e.getLocation()), path, e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          source, line(e.getLocation()), "", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(source, "cannot read: " + e.getMessage(), e);
    }
    if (genesis == null) {
      throw new ConfigException(source, 0, "", "file holds no genesis object");
    }
    try {
      check(source, genesis);
    } catch (ConfigException e) {
      int line = JsonFieldLocator.lineOf(json, e.field());
      if (line > 0 && e.line() == 0) {
        throw new ConfigException(source, line, e.field(), e.problem());
      }
      throw e;
    }
    return genesis;
  }

  /**
   * The genesis hash: lowercase hex of the suite's hash over the file's exact bytes. Node
   * configurations pin it.
   */
  public static String hash(String suite, byte[] json) {
    return HexFormat.of().formatHex(CryptoSuite.byName(suite).hash(json));
  }

  private static void check(String source, Genesis g) {
    require(
        source,
        "chainId",
        g.chainId() != null && CHAIN_ID.matcher(g.chainId()).matches(),
        "must be 1-63 characters of a-z, 0-9, '.', '-', starting with a letter or digit");
    require(
        source,
        "suite",
        g.suite() != null && CryptoSuite.NAMES.contains(g.suite()),
        "must be one of " + CryptoSuite.NAMES);
    require(source, "genesisTime", g.genesisTime() != null, "is required");
    require(source, "organisations", !g.organisations().isEmpty(), "must name at least one");
    Set<String> orgs = new HashSet<>();
    for (int i = 0; i < g.organisations().size(); i++) {
      OrganisationEntry o = g.organisations().get(i);
      String at = "organisations[" + i + "]";
      require(
          source,
          at + ".id",
          o.id() != null && NAME.matcher(o.id()).matches(),
          "must be 1-63 characters of a-z, 0-9, '.', '-'");
      require(source, at + ".id", orgs.add(o.id()), "duplicate organisation id '" + o.id() + "'");
      require(
          source,
          at + ".identityCa",
          o.identityCa() != null && o.identityCa().contains("BEGIN CERTIFICATE"),
          "must be a PEM certificate");
      require(
          source,
          at + ".tlsCa",
          o.tlsCa() != null && o.tlsCa().contains("BEGIN CERTIFICATE"),
          "must be a PEM certificate");
    }
    require(source, "validators", !g.validators().isEmpty(), "must name at least one");
    Set<String> names = new HashSet<>();
    Set<String> keys = new HashSet<>();
    CryptoSuite suite = CryptoSuite.byName(g.suite());
    for (int i = 0; i < g.validators().size(); i++) {
      ValidatorEntry v = g.validators().get(i);
      String at = "validators[" + i + "]";
      require(
          source,
          at + ".name",
          v.name() != null && NAME.matcher(v.name()).matches(),
          "must be 1-63 characters of a-z, 0-9, '.', '-'");
      require(source, at + ".name", names.add(v.name()), "duplicate validator '" + v.name() + "'");
      require(
          source,
          at + ".organisation",
          orgs.contains(v.organisation()),
          "names organisation '" + v.organisation() + "', which the genesis does not list");
      require(source, at + ".power", v.power() >= 1, "must be at least 1");
      require(
          source,
          at + ".address",
          v.address() != null && v.address().matches("[^\\s:]+:[0-9]{1,5}"),
          "must be host:port");
      EcPublicKey key;
      try {
        key = EcPublicKey.fromSubjectPublicKeyInfo(HexFormat.of().parseHex(v.publicKey()));
      } catch (CryptoException | IllegalArgumentException | NullPointerException e) {
        throw new ConfigException(
            source,
            0,
            at + ".publicKey",
            "must be lowercase hex of a DER SubjectPublicKeyInfo: " + e.getMessage());
      }
      require(
          source,
          at + ".publicKey",
          key.curve() == suite.curve(),
          "key is on "
              + key.curve().curveName()
              + " but suite '"
              + g.suite()
              + "' needs "
              + suite.curve().curveName());
      require(
          source,
          at + ".publicKey",
          keys.add(v.publicKey()),
          "the same key is given for two validators");
    }
    checkCertificates(source, g, suite);
    if (g.consensus() == null) {
      throw new ConfigException(source, 0, "consensus", "is required");
    }
    ConsensusParameters c = g.consensus();
    require(source, "consensus.type", c.type() != null, "must be bft or solo");
    require(
        source,
        "validators",
        c.type() != ConsensusType.SOLO || g.validators().size() == 1,
        "solo consensus takes exactly one validator, got " + g.validators().size());
    require(
        source,
        "consensus",
        c.proposeTimeoutMs() > 0 && c.prevoteTimeoutMs() > 0 && c.precommitTimeoutMs() > 0,
        "timeouts must be positive");
    require(
        source,
        "consensus",
        c.proposeTimeoutDeltaMs() >= 0
            && c.prevoteTimeoutDeltaMs() >= 0
            && c.precommitTimeoutDeltaMs() >= 0,
        "timeout deltas must not be negative");
    require(source, "consensus.maxBlockTxs", c.maxBlockTxs() > 0, "must be positive");
    require(source, "consensus.maxBlockBytes", c.maxBlockBytes() > 0, "must be positive");
    require(source, "consensus.blockIntervalMs", c.blockIntervalMs() > 0, "must be positive");
    require(source, "consensus.maxClockDriftMs", c.maxClockDriftMs() >= 0, "must not be negative");
    if (g.transactions() == null) {
      throw new ConfigException(source, 0, "transactions", "is required");
    }
    require(
        source,
        "transactions.validityWindowSeconds",
        g.transactions().validityWindowSeconds() > 0,
        "must be positive");
    require(
        source,
        "transactions.maxTxBytes",
        g.transactions().maxTxBytes() > 0 && g.transactions().maxTxBytes() <= c.maxBlockBytes(),
        "must be positive and at most consensus.maxBlockBytes");
    if (g.governance() == null || g.governance().rule() == null) {
      throw new ConfigException(source, 0, "governance.rule", "must be majority, all or threshold");
    }
    if (g.evidence() == null) {
      throw new ConfigException(source, 0, "evidence", "must be an object or left out");
    }
    require(
        source,
        "evidence.maxBatchDeposits",
        g.evidence().maxBatchDeposits() >= 1
            && g.evidence().maxBatchDeposits() <= EvidenceParameters.MAX_BATCH_DEPOSITS,
        "must be between 1 and " + EvidenceParameters.MAX_BATCH_DEPOSITS);
    require(
        source,
        "evidence.maxMetadataBytes",
        g.evidence().maxMetadataBytes() >= 2
            && g.evidence().maxMetadataBytes() <= EvidenceParameters.MAX_METADATA_BYTES,
        "must be between 2 and " + EvidenceParameters.MAX_METADATA_BYTES);
    GovernancePolicy p = g.governance();
    require(
        source,
        "governance.threshold",
        p.rule() != GovernancePolicy.Rule.THRESHOLD
            || (p.threshold() >= 1 && p.threshold() <= g.organisations().size()),
        "must be between 1 and the number of organisations (" + g.organisations().size() + ")");
  }

  /**
   * Every CA certificate must parse and be a CA of its organisation in the right algorithm, and
   * every validator's identity certificate must chain to its organisation's identity CA, carry the
   * node role and name, and hold the validator's public key.
   */
  private static void checkCertificates(String source, Genesis g, CryptoSuite suite) {
    Map<String, X509Certificate> identityCas = new HashMap<>();
    for (int i = 0; i < g.organisations().size(); i++) {
      OrganisationEntry o = g.organisations().get(i);
      String at = "organisations[" + i + "]";
      X509Certificate identityCa = certificate(source, at + ".identityCa", o.identityCa());
      X509Certificate tlsCa = certificate(source, at + ".tlsCa", o.tlsCa());
      require(
          source,
          at + ".identityCa",
          curveOf(source, at + ".identityCa", identityCa) == suite.curve(),
          "identity CA key must be on "
              + suite.curve().curveName()
              + " for suite '"
              + g.suite()
              + "'");
      require(
          source,
          at + ".tlsCa",
          curveOf(source, at + ".tlsCa", tlsCa) == Curve.P256,
          "TLS CA key must be on P-256");
      identityCas.put(o.id(), identityCa);
    }
    for (int i = 0; i < g.validators().size(); i++) {
      ValidatorEntry v = g.validators().get(i);
      String at = "validators[" + i + "].identityCertificate";
      X509Certificate cert = certificate(source, at, v.identityCertificate());
      MemberIdentity id;
      try {
        id =
            new CertificateValidator(
                    List.of(identityCas.get(v.organisation())), RevocationSet.empty())
                .validate(cert, g.genesisTime(), Set.of(MemberRole.NODE));
      } catch (CryptoException e) {
        throw new ConfigException(source, 0, at, e.getMessage());
      }
      require(
          source,
          at,
          id.organisation().equals(v.organisation()),
          "certificate is for organisation '"
              + id.organisation()
              + "', not '"
              + v.organisation()
              + "'");
      require(
          source,
          at,
          id.commonName().equals(v.name()),
          "certificate is for node '" + id.commonName() + "', not '" + v.name() + "'");
      require(
          source,
          at,
          id.publicKey().toHex().equals(v.publicKey()),
          "certificate holds a different key than validators[" + i + "].publicKey");
    }
  }

  private static X509Certificate certificate(String source, String field, String pem) {
    try {
      return PemCodec.decodeCertificate(pem);
    } catch (CryptoException e) {
      throw new ConfigException(source, 0, field, e.getMessage());
    }
  }

  private static Curve curveOf(String source, String field, X509Certificate cert) {
    try {
      return EcPublicKey.fromJca(cert.getPublicKey()).curve();
    } catch (CryptoException e) {
      throw new ConfigException(source, 0, field, e.getMessage());
    }
  }

  private static void require(String source, String field, boolean ok, String problem) {
    if (!ok) {
      throw new ConfigException(source, 0, field, problem);
    }
  }

  private static int line(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
