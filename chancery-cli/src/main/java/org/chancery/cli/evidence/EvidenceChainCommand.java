package org.chancery.cli.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.evidence.EvidenceClient;
import org.chancery.sdk.evidence.ProcessChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chancery evidence chain ID}: the process chain a deposit belongs to. */
@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    description = {
      "Show the deposits a deposit continues (first to it) and those that continue it.",
      "",
      "Exit codes: 0 found; 1 unknown deposit or the node failed; 2 usage error."
    })
public final class EvidenceChainCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "ID", description = "The deposit id.")
  String id;

  @Override
  public Integer call() {
    var depositId = EvidenceJson.hex(node, id, "ID");
    node.nodeUrl();
    try (ChanceryClient client = node.connect()) {
      ProcessChain c = new EvidenceClient(client).chain(depositId);
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      ArrayNode stages = doc.putArray("stages");
      c.stages().forEach(r -> stages.add(r.toJson()));
      ArrayNode next = doc.putArray("next");
      c.next().forEach(n -> next.add(n.hex()));
      doc.put("truncated", c.truncated());
      node.print(
          doc,
          () -> {
            if (c.truncated()) {
              node.out().println("(earlier stages not shown)");
            }
            for (int i = 0; i < c.stages().size(); i++) {
              node.out().printf("%d. ", i + 1);
              EvidenceJson.line(node.out(), c.stages().get(i));
            }
            c.next().forEach(n -> node.out().printf("next: %s%n", n.hex()));
          });
      return 0;
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }
}
