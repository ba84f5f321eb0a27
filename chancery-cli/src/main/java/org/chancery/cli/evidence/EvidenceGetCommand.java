package org.chancery.cli.evidence;

import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.evidence.EvidenceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chancery evidence get ID}: one deposit as the chain records it. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Show one deposit as the chain records it.",
      "",
      "Exit codes: 0 found; 1 unknown deposit or the node failed; 2 usage error."
    })
public final class EvidenceGetCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "ID", description = "The deposit id.")
  String id;

  @Override
  public Integer call() {
    var depositId = EvidenceJson.hex(node, id, "ID");
    node.nodeUrl();
    try (ChanceryClient client = node.connect()) {
      DepositRecord r = new EvidenceClient(client).get(depositId);
      node.print(r.toJson(), () -> EvidenceJson.record(node.out(), r));
      return 0;
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }
}
