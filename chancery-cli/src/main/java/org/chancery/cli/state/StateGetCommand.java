package org.chancery.cli.state;

import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.cli.client.ResultJson;
import org.chancery.cli.client.ResultText;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.StateEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chancery state get}: the value a contract stored under a key. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Show the value a contract stored under a key, in the node's latest state.",
      "",
      "Exit codes: 0 shown; 1 no such key or the node failed; 2 usage error.",
      "",
      "Example:",
      "  chancery state get --node http://127.0.0.1:7200 kv permit/1"
    })
public final class StateGetCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "CONTRACT", description = "Contract, e.g. kv.")
  String contract;

  @Parameters(index = "1", paramLabel = "KEY", description = "Key in the contract's namespace.")
  String key;

  @Override
  public Integer call() {
    if (contract.isEmpty() || key.isEmpty()) {
      throw node.usage("CONTRACT and KEY must not be empty");
    }
    node.nodeUrl();
    try (ChanceryClient client = node.connect()) {
      StateEntry entry = client.state(contract, key);
      node.print(ResultJson.state(entry), () -> ResultText.state(node.out(), entry));
      return 0;
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }
}
