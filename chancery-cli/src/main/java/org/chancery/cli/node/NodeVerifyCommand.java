package org.chancery.cli.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chancery.cli.JsonOutput;
import org.chancery.core.Bytes;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.GenesisCodec;
import org.chancery.crypto.CryptoSuite;
import org.chancery.ledger.chain.BlockStore;
import org.chancery.ledger.chain.ChainCorruptException;
import org.chancery.ledger.chain.ChainVerifier;
import org.chancery.ledger.state.SparseMerkleState;
import org.chancery.ledger.store.LedgerDatabase;
import org.chancery.node.config.NodeConfig;
import org.chancery.node.config.NodeConfigCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chancery node verify --config node.yaml}: re-checks a stopped node's stored chain from the
 * genesis — links, times, roots, receipts, index, commit certificates — and that the state tree's
 * root is the latest header's. For operators after a crash, a restore from backup or a disk
 * incident.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a stopped node's stored chain and state against its genesis.",
      "",
      "Exit codes: 0 verified; 1 the data is inconsistent or cannot be opened (is the node"
          + " still running?); 2 usage error.",
      "",
      "Example:",
      "  chancery node verify --config /tmp/net/orgs/org1/nodes/node1/node.yaml"
    })
public final class NodeVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "node.yaml of the node whose data to verify.")
  Path config;

  @Option(names = "--json", description = "Print the result as one JSON document.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(config)) {
      throw new ParameterException(spec.commandLine(), "--config: no such file " + config);
    }
    NodeConfig node = NodeConfigCodec.read(config);
    byte[] genesisBytes = Files.readAllBytes(node.genesisFile());
    Genesis genesis = GenesisCodec.decode(node.genesisFile().toString(), genesisBytes);
    CryptoSuite suite = CryptoSuite.byName(genesis.suite());
    Bytes genesisHash = Bytes.fromHex(GenesisCodec.hash(genesis.suite(), genesisBytes));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("node", node.nodeName());
    result.put("dataDir", node.dataDir().toString());
    try (LedgerDatabase db = LedgerDatabase.open(node.dataDir())) {
      BlockStore blocks = new BlockStore(db, suite);
      SparseMerkleState state = new SparseMerkleState(db, suite, 1);
      String problem = null;
      long verified = 0;
      try {
        verified =
            new ChainVerifier(suite, genesis.chainId(), genesis.validatorSet())
                .verify(blocks, genesisHash);
        if (state.version() != blocks.height()) {
          problem =
              "the state is at height " + state.version() + " but blocks reach " + blocks.height();
        } else if (blocks.height() > 0
            && !state.root().equals(blocks.header(blocks.height()).orElseThrow().stateRoot())) {
          problem = "the state root differs from the latest header's";
        }
      } catch (ChainCorruptException e) {
        problem = e.getMessage();
      }
      result.put("height", blocks.height());
      result.put("blocksVerified", verified);
      result.put("stateRoot", state.root().hex());
      result.put("verified", problem == null);
      if (problem != null) {
        result.put("problem", problem);
      }
      if (json) {
        JsonOutput.print(spec.commandLine().getOut(), result);
      } else if (problem == null) {
        spec.commandLine()
            .getOut()
            .printf(
                "node %s: %d blocks verified from the genesis; state root %s matches block %d%n",
                node.nodeName(), verified, state.root().hex(), blocks.height());
      }
      if (problem != null) {
        spec.commandLine().getErr().println("error: " + node.nodeName() + ": " + problem);
        return 1;
      }
      return 0;
    }
  }
}
