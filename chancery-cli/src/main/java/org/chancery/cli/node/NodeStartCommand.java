package org.chancery.cli.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.chancery.cli.JsonOutput;
import org.chancery.node.ChanceryNode;
import org.chancery.node.config.NodeConfig;
import org.chancery.node.config.NodeConfigCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chancery node start --config node.yaml}: runs a node in the foreground until it receives
 * SIGTERM or SIGINT, then stops it cleanly. Prints one line (or, with {@code --json}, one JSON
 * document) once the API is serving.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Run a node in the foreground until SIGTERM or Ctrl-C.",
      "",
      "Example:",
      "  chancery node start --config /tmp/net/orgs/org1/nodes/node1/node.yaml"
    })
public final class NodeStartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "node.yaml written by 'chancery network init'.")
  Path config;

  @Option(names = "--json", description = "Print the started node's endpoints as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(config)) {
      throw new ParameterException(spec.commandLine(), "--config: no such file " + config);
    }
    NodeConfig nodeConfig = NodeConfigCodec.read(config);
    ChanceryNode node = ChanceryNode.start(nodeConfig, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "chancery-shutdown"));
    String api = "http://" + nodeConfig.apiListen().host() + ":" + node.apiPort();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("node", nodeConfig.nodeName());
      doc.put("organisation", nodeConfig.organisation());
      doc.put("chainId", node.ledger().chainId());
      doc.put("height", node.ledger().height());
      doc.put("api", api);
      JsonOutput.print(spec.commandLine().getOut(), doc);
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "node %s (%s) serving chain %s at %s, height %d; stop with Ctrl-C%n",
              nodeConfig.nodeName(),
              nodeConfig.organisation(),
              node.ledger().chainId(),
              api,
              node.ledger().height());
      spec.commandLine().getOut().flush();
    }
    stopped.await();
    return 0;
  }
}
