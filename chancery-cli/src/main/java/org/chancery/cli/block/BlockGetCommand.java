package org.chancery.cli.block;

import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.cli.client.ResultJson;
import org.chancery.cli.client.ResultText;
import org.chancery.sdk.BlockInfo;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chancery block get}: a block's header, transactions and commit certificate. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Show a block: header, transactions and the validators' commit certificate.",
      "",
      "Exit codes: 0 shown; 1 no such block or the node failed; 2 usage error.",
      "",
      "Examples:",
      "  chancery block get --node http://127.0.0.1:7200 latest",
      "  chancery block get --node http://127.0.0.1:7200 1 --json"
    })
public final class BlockGetCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(
      index = "0",
      paramLabel = "HEIGHT|latest",
      description = "Block height (1 is the first block after genesis) or 'latest'.")
  String which;

  @Override
  public Integer call() {
    Long height = null;
    if (!which.equals("latest")) {
      try {
        height = Long.parseLong(which);
      } catch (NumberFormatException e) {
        height = -1L;
      }
      if (height < 1) {
        throw node.usage(
            "HEIGHT must be a block height (1, 2, ...) or 'latest', got '" + which + "'");
      }
    }
    node.nodeUrl();
    try (ChanceryClient client = node.connect()) {
      BlockInfo block = height == null ? client.latestBlock() : client.block(height);
      node.print(ResultJson.block(block), () -> ResultText.block(node.out(), block));
      return 0;
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }
}
