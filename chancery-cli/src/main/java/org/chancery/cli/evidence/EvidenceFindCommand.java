package org.chancery.cli.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.core.Bytes;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.evidence.DepositPage;
import org.chancery.sdk.evidence.EvidenceClient;
import org.chancery.sdk.evidence.FileDigest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chancery evidence find}: the deposits of a file (or digest), earliest first. */
@Command(
    name = "find",
    mixinStandardHelpOptions = true,
    description = {
      "List the deposits of a file or digest, earliest first: the earliest proves the file"
          + " existed by then.",
      "",
      "Exit codes: 0 found or not; 1 the node failed; 2 usage error.",
      "",
      "Example:",
      "  chancery evidence find --node http://127.0.0.1:7200 --file lease.pdf"
    })
public final class EvidenceFindCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  static final class Target {
    @Option(names = "--file", paramLabel = "FILE", description = "Hash this file locally.")
    Path file;

    @Option(names = "--digest", paramLabel = "HEX", description = "The digest itself.")
    String digest;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--cursor", paramLabel = "C", description = "nextCursor of an earlier page.")
  String cursor;

  @Override
  public Integer call() throws IOException {
    if (target.file != null && !Files.isRegularFile(target.file)) {
      throw node.usage("--file: no such file " + target.file);
    }
    Bytes given = target.digest == null ? null : EvidenceJson.hex(node, target.digest, "--digest");
    node.nodeUrl();
    try (ChanceryClient client = node.connect()) {
      Bytes digest =
          given != null
              ? given
              : FileDigest.of(client.status().cryptoSuite(), target.file).digest();
      DepositPage page = new EvidenceClient(client).findByDigest(digest, cursor);
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      doc.put("digest", digest.hex());
      ArrayNode list = doc.putArray("deposits");
      page.deposits().forEach(r -> list.add(r.toJson()));
      doc.put("nextCursor", page.nextCursor().orElse(null));
      node.print(
          doc,
          () -> {
            if (page.deposits().isEmpty()) {
              node.out().printf("no deposits of digest %s%n", digest.hex());
              return;
            }
            page.deposits().forEach(r -> EvidenceJson.line(node.out(), r));
            if (cursor == null) {
              DepositRecord first = page.deposits().get(0);
              node.out()
                  .printf(
                      "%nearliest deposit (proves prior existence): %s at %s by %s of %s%n",
                      first.depositId().hex(),
                      EvidenceJson.time(first.time()),
                      first.depositor().name(),
                      first.depositor().organisation());
            }
            page.nextCursor().ifPresent(c -> node.out().printf("more: --cursor %s%n", c));
          });
      return 0;
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }
}
