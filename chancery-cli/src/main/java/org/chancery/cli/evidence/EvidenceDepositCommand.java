package org.chancery.cli.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.Identity;
import org.chancery.sdk.IdentityException;
import org.chancery.sdk.TransactionStatus;
import org.chancery.sdk.evidence.DepositOptions;
import org.chancery.sdk.evidence.DepositReceipt;
import org.chancery.sdk.evidence.EvidenceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chancery evidence deposit}: hashes a file locally and deposits its digest. The file is
 * never sent.
 */
@Command(
    name = "deposit",
    mixinStandardHelpOptions = true,
    description = {
      "Deposit a file's digest (the file is hashed here and never sent).",
      "",
      "Exit codes: 0 accepted (with --wait: committed); 1 rejected, failed or not committed in"
          + " time; 2 usage error.",
      "",
      "Example:",
      "  chancery evidence deposit --node http://127.0.0.1:7200 \\",
      "      --identity /tmp/net/orgs/org1/users/client --file lease.pdf --label 'signed lease'"
          + " --wait"
    })
public final class EvidenceDepositCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin NodeOptions node;

  @Option(names = "--identity", required = true, paramLabel = "DIR", description = "Signer.")
  Path identity;

  @Option(names = "--file", required = true, paramLabel = "FILE", description = "File.")
  Path file;

  @Option(names = "--label", paramLabel = "TEXT", description = "A short description.")
  String label;

  @Option(
      names = "--media-type",
      paramLabel = "TYPE",
      description = "Media type (default: probed from the file name).")
  String mediaType;

  @Option(names = "--metadata", paramLabel = "JSON", description = "A JSON object of your own.")
  String metadata;

  @Option(names = "--prev", paramLabel = "ID", description = "The deposit this one continues.")
  String previous;

  @Option(names = "--wait", description = "Wait until the deposit is in a block.")
  boolean waitForCommit;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw node.usage("--file: no such file " + file);
    }
    DepositOptions options = DepositOptions.defaults().withLabel(label).withMediaType(mediaType);
    if (metadata != null) {
      JsonNode m;
      try {
        m = JSON.readTree(metadata);
      } catch (IOException e) {
        throw node.usage("--metadata: not JSON");
      }
      if (m == null || !m.isObject()) {
        throw node.usage("--metadata must be a JSON object");
      }
      options = options.withMetadata((ObjectNode) m);
    }
    if (previous != null) {
      options = options.withPrevious(EvidenceJson.hex(node, previous, "--prev"));
    }
    node.nodeUrl();
    Identity member;
    try {
      member = Identity.load(identity);
    } catch (IdentityException e) {
      throw node.usage("--identity: " + e.getMessage());
    }
    try (ChanceryClient client = node.connect()) {
      DepositReceipt r;
      try {
        r = new EvidenceClient(client).deposit(member, file, options, waitForCommit);
      } catch (IllegalArgumentException e) {
        throw node.usage(e.getMessage());
      }
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      doc.put("depositId", r.depositId().hex());
      doc.put("txId", r.txId().hex());
      doc.put("digest", r.digest().hex());
      doc.put("size", r.size());
      doc.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
      r.height().ifPresent(h -> doc.put("height", h));
      node.print(
          doc,
          () -> {
            node.out().printf("deposit  %s%n", r.depositId().hex());
            node.out().printf("tx       %s%n", r.txId().hex());
            node.out().printf("digest   %s  (%d bytes)%n", r.digest().hex(), r.size());
            node.out().printf("status   %s%n", doc.get("status").asText());
            r.height().ifPresent(h -> node.out().printf("height   %d%n", h));
          });
      if (r.status() == TransactionStatus.FAILED) {
        return node.failed("the deposit transaction failed; nothing was recorded");
      }
      if (waitForCommit && r.status() == TransactionStatus.PENDING) {
        return node.failed("the deposit was accepted but not committed in time");
      }
      return 0;
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }
}
