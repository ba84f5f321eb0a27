package org.chancery.cli.evidence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.core.Bytes;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.evidence.EvidenceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chancery evidence certificate}: saves a deposit's certificate, JSON and/or PDF. */
@Command(
    name = "certificate",
    mixinStandardHelpOptions = true,
    description = {
      "Save a deposit's evidence certificate, to verify offline with 'chancery verify'.",
      "",
      "Exit codes: 0 saved; 1 unknown deposit or the node failed; 2 usage error.",
      "",
      "Example:",
      "  chancery evidence certificate --node http://127.0.0.1:7200 --deposit 5be1… \\",
      "      --out cert.json --pdf cert.pdf"
    })
public final class EvidenceCertificateCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(names = "--deposit", required = true, paramLabel = "ID", description = "Deposit id.")
  String deposit;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSON file.")
  Path out;

  @Option(names = "--pdf", paramLabel = "FILE", description = "Also save the PDF rendering.")
  Path pdf;

  @Override
  public Integer call() throws IOException {
    Bytes id = EvidenceJson.hex(node, deposit, "--deposit");
    node.nodeUrl();
    try (ChanceryClient client = node.connect()) {
      EvidenceClient evidence = new EvidenceClient(client);
      byte[] json = evidence.certificateJson(id);
      byte[] pdfBytes = pdf == null ? null : evidence.certificatePdf(id);
      Files.write(out, json);
      if (pdfBytes != null) {
        Files.write(pdf, pdfBytes);
      }
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      doc.put("depositId", id.hex());
      doc.put("json", out.toString());
      doc.put("jsonBytes", json.length);
      if (pdfBytes != null) {
        doc.put("pdf", pdf.toString());
        doc.put("pdfBytes", pdfBytes.length);
      }
      node.print(
          doc,
          () -> {
            node.out().printf("wrote %s (%d bytes)%n", out, json.length);
            if (pdfBytes != null) {
              node.out().printf("wrote %s (%d bytes)%n", pdf, pdfBytes.length);
            }
          });
      return 0;
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }
}
