package org.chancery.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.chancery.core.Bytes;
import org.chancery.core.merkle.MerkleProof;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/** The certificate's JSON codec: a lossless round trip, and strict reading. */
class EvidenceCertificateJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CryptoSuite SM = CryptoSuite.byName("sm");

  static Bytes hash(int seed) {
    return Bytes.of(SM.hash(new byte[] {(byte) seed}));
  }

  static EvidenceCertificate sample() {
    ObjectNode meta = JSON.createObjectNode().put("case", "2026-017");
    DepositRecord record =
        new DepositRecord(
            hash(1),
            new DepositRequest(hash(2), 1024, "application/pdf", "a.pdf", "lease", meta, hash(3)),
            new Depositor("org1", "client@org1", "client"),
            hash(4),
            0,
            7,
            Instant.parse("2026-12-04T20:37:03.120Z"));
    return new EvidenceCertificate(
        "test-chain",
        "sm",
        hash(5),
        record,
        new EvidenceCertificate.TransactionPart(
            hash(4),
            Bytes.of(new byte[] {1, 2, 3}),
            Bytes.of(new byte[] {4, 5}),
            "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n",
            List.of("-----BEGIN CERTIFICATE-----\nBAU=\n-----END CERTIFICATE-----\n")),
        new EvidenceCertificate.BlockPart(
            7, hash(6), Instant.parse("2026-12-04T20:37:03.120Z"), Bytes.of(new byte[] {9})),
        Bytes.of(new byte[] {10, 11}),
        MerkleProof.fromHex(1, 3, List.of(hash(7).hex(), hash(8).hex())),
        MerkleProof.fromHex(1, 3, List.of(hash(9).hex(), hash(10).hex())),
        Bytes.of(new byte[] {12}),
        List.of(new EvidenceCertificate.ValidatorCertificate("node1", "org1", "PEM")));
  }

  private static ObjectNode tree() {
    return EvidenceCertificateJson.toJson(sample());
  }

  private static String rejection(Consumer<ObjectNode> change) {
    ObjectNode n = tree();
    change.accept(n);
    byte[] bytes = n.toString().getBytes(StandardCharsets.UTF_8);
    try {
      EvidenceCertificateJson.decode(bytes);
    } catch (MalformedEvidenceCertificateException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + n);
  }

  @Test
  void roundTripsToTheSameCertificateAndBytes() {
    EvidenceCertificate c = sample();
    byte[] json = EvidenceCertificateJson.encode(c);
    EvidenceCertificate back = EvidenceCertificateJson.decode(json);
    assertThat(back.deposit()).isEqualTo(c.deposit());
    assertThat(back.transaction()).isEqualTo(c.transaction());
    assertThat(back.block()).isEqualTo(c.block());
    assertThat(back.validators()).isEqualTo(c.validators());
    assertThat(back.txProof().pathHex()).isEqualTo(c.txProof().pathHex());
    assertThat(EvidenceCertificateJson.encode(back)).isEqualTo(json);
  }

  @Test
  void rejectsUnknownFieldsAnywhere() {
    assertThat(rejection(n -> n.put("extra", 1))).contains("unknown field extra");
    assertThat(rejection(n -> ((ObjectNode) n.get("block")).put("x", 1)))
        .contains("unknown field block.x");
    assertThat(rejection(n -> ((ObjectNode) n.get("deposit")).put("x", 1))).contains("'x'");
    assertThat(rejection(n -> ((ObjectNode) n.get("commit").get("validators").get(0)).put("x", 1)))
        .contains("commit.validators[0].x");
  }

  @Test
  void rejectsMissingFields() {
    assertThat(rejection(n -> n.remove("receipt"))).contains("field receipt is missing");
    assertThat(rejection(n -> ((ObjectNode) n.get("transaction")).remove("signature")))
        .contains("transaction.signature is missing");
    assertThat(rejection(n -> ((ObjectNode) n.get("proofs").get("receipt")).remove("path")))
        .contains("proofs.receipt.path is missing");
  }

  @Test
  void rejectsAnotherSchemaOrSuite() {
    assertThat(rejection(n -> n.put("schema", "urn:chancery:evidence-certificate:v2")))
        .contains("schema");
    assertThat(rejection(n -> n.put("suite", "rsa"))).contains("unknown suite 'rsa'");
  }

  @Test
  void rejectsNonCanonicalBase64() {
    // "AQI=" and "AQJ=" decode to the same bytes; only the canonical spelling is accepted.
    String canonical = tree().get("receipt").asText();
    assertThat(canonical).isEqualTo("Cgs=");
    assertThat(rejection(n -> n.put("receipt", "Cgt="))).contains("receipt is not canonical");
    assertThat(rejection(n -> n.put("receipt", "Cgs"))).contains("receipt is not");
    assertThat(rejection(n -> n.put("receipt", "!!!"))).contains("receipt is not base64");
  }

  @Test
  void rejectsBadHex() {
    assertThat(rejection(n -> n.put("genesisHash", hash(5).hex().toUpperCase())))
        .contains("genesisHash must be lowercase hex");
    assertThat(rejection(n -> n.put("genesisHash", "abc"))).contains("genesisHash");
    assertThat(
            rejection(
                n -> ((ObjectNode) n.get("proofs").get("transaction")).putArray("path").add("XYZ")))
        .contains("proofs.transaction.path");
    assertThat(rejection(n -> ((ObjectNode) n.get("deposit")).put("digest", "00")))
        .contains("deposit: \"digest\"");
  }

  @Test
  void rejectsWhatIsNotOneJsonObject() {
    byte[] json = EvidenceCertificateJson.encode(sample());
    byte[] trailing =
        (new String(json, StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EvidenceCertificateJson.decode(trailing))
        .isInstanceOf(MalformedEvidenceCertificateException.class);
    assertThatThrownBy(() -> EvidenceCertificateJson.decode("[]".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(
            () ->
                EvidenceCertificateJson.decode(
                    "{\"schema\":1,\"schema\":2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedEvidenceCertificateException.class);
  }
}
