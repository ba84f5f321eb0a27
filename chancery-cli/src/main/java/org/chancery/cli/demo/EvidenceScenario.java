package org.chancery.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.chancery.cli.demo.DemoNetwork.Org;

/**
 * The evidence part of the demo: a notary's clerk deposits a signed lease agreement (its digest
 * only), the court's node serves its certificate, and anyone verifies it offline with the genesis;
 * a one-byte change to the file fails.
 */
final class EvidenceScenario {
  /** The sample; the rent's first digit is what the tamper step changes. */
  static final String SAMPLE =
      """
      房屋租赁合同 / Residential Lease Agreement

      Landlord (出租人): Wang Fang
      Tenant (承租人): Li Lei
      Premises (房屋): Room 1203, 88 Wensan Road, Xihu District, Hangzhou
      Term (租期): 2027-01-01 to 2027-12-31
      Monthly rent (月租金): 8000 CNY

      Both parties have read and signed this agreement.
      双方已阅读并签署本合同。
      """;

  private final DemoCommand demo;
  private final DemoNetwork network;
  private final Map<String, URI> apis;

  EvidenceScenario(DemoCommand demo, DemoNetwork network, Map<String, URI> apis) {
    this.demo = demo;
    this.network = network;
    this.apis = apis;
  }

  /** Runs the steps; false as soon as one that later steps need fails. */
  boolean run() throws IOException {
    Org notary = DemoCommand.org("notary");
    String notaryApi = apis.get("notary").toString();
    String courtApi = apis.get("court").toString();
    Path work = network.work();
    Path sample = work.resolve("lease-agreement.txt");
    DemoCommand.writeFile(sample, SAMPLE);

    demo.section("A notary's clerk deposits a signed lease agreement");
    demo.say("Only the file's SM3 digest, size and label go on chain; the file stays here.");
    JsonNode deposit =
        demo.json(
            "evidence deposit: hash the file locally, sign a transaction, wait for its block",
            "evidence",
            "deposit",
            "--node",
            notaryApi,
            "--identity",
            network.identity(notary).toString(),
            "--file",
            sample.toString(),
            "--label",
            "Lease agreement, Room 1203 / 房屋租赁合同",
            "--wait");
    if (deposit == null) {
      return false;
    }
    String depositId = deposit.path("depositId").asText();
    demo.say("deposit id   " + depositId);
    demo.say("transaction  " + deposit.path("txId").asText());
    demo.say("digest (SM3) " + deposit.path("digest").asText());
    demo.say("block        " + deposit.path("height").asText());

    demo.section("Any member's node finds it by the file's digest: here the court's");
    demo.expect(
        "evidence find: every deposit of this digest, the earliest first",
        0,
        "evidence",
        "find",
        "--node",
        courtApi,
        "--file",
        sample.toString());

    demo.section("The court fetches the certificate, as JSON and as a PDF for the case file");
    Path json = work.resolve("certificate-" + depositId.substring(0, 12) + ".json");
    Path pdf = work.resolve("certificate-" + depositId.substring(0, 12) + ".pdf");
    if (!demo.step(
        "evidence certificate: quorum-signed block header, Merkle proofs, signed transaction",
        "evidence",
        "certificate",
        "--node",
        courtApi,
        "--deposit",
        depositId,
        "--out",
        json.toString(),
        "--pdf",
        pdf.toString())) {
      return false;
    }

    demo.section("A judge verifies the PDF offline, with nothing but the genesis file");
    demo.expect(
        "verify: no node is contacted; every signature and proof is checked here",
        0,
        "verify",
        "--genesis",
        network.genesis().toString(),
        pdf.toString(),
        "--file",
        sample.toString());

    demo.section("Someone changes one byte of the file: the rent 8000 becomes 9000");
    Path tampered = work.resolve("lease-agreement-tampered.txt");
    byte[] bytes = Files.readAllBytes(sample);
    int at = indexOf(bytes, "8000".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    bytes[at] = '9';
    Files.write(tampered, bytes);
    demo.expect(
        "verify with the altered file: the digest no longer matches",
        1,
        "verify",
        "--genesis",
        network.genesis().toString(),
        json.toString(),
        "--file",
        tampered.toString());

    demo.section("What the demo wrote, and where the APIs are");
    demo.written("sample file", sample);
    demo.written("altered copy", tampered);
    demo.written("certificate (JSON)", json);
    demo.written("certificate (PDF)", pdf);
    demo.written("genesis", network.genesis());
    for (Map.Entry<String, URI> api : apis.entrySet()) {
      demo.say(
          String.format(
              "%-9s %s   (try %s/v1/status)", api.getKey(), api.getValue(), api.getValue()));
    }
    demo.say("Verify it yourself:");
    demo.say(
        "  ./chancery verify --genesis " + network.genesis() + " " + pdf + " --file " + sample);
    return true;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("the sample has no rent to change");
  }
}
