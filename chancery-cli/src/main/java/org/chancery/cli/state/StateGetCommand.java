package org.chancery.cli.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.chancery.cli.client.NodeOptions;
import org.chancery.cli.client.ResultJson;
import org.chancery.cli.client.ResultText;
import org.chancery.core.proof.InvalidProofException;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.OfflineVerifier;
import org.chancery.sdk.ProvenState;
import org.chancery.sdk.StateEntry;
import org.chancery.sdk.StateProofResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chancery state get}: the value a contract stored under a key. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Show the value a contract stored under a key, in the node's latest state (or, with a"
          + " proof, at --height).",
      "",
      "Exit codes: 0 shown (and, with --verify-with, verified); 1 no such key (without a"
          + " proof), the node failed, or the proof does not verify; 2 usage error.",
      "",
      "Examples:",
      "  chancery state get --node http://127.0.0.1:7200 kv permit/1",
      "  chancery state get --node http://127.0.0.1:7200 kv permit/1 --height 12 \\",
      "      --verify-with /tmp/net/genesis.json"
    })
public final class StateGetCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "CONTRACT", description = "Contract, e.g. kv.")
  String contract;

  @Parameters(index = "1", paramLabel = "KEY", description = "Key in the contract's namespace.")
  String key;

  @Option(
      names = "--proof",
      description = "Ask for a proof of the value (or of the key's absence).")
  boolean proof;

  @Option(
      names = "--height",
      paramLabel = "HEIGHT",
      description = "Read the state after this block (implies --proof).")
  Long height;

  @Option(
      names = "--verify-with",
      paramLabel = "GENESIS",
      description = "Verify the proof offline against this genesis.json (implies --proof).")
  Path genesis;

  @Override
  public Integer call() {
    if (contract.isEmpty() || key.isEmpty()) {
      throw node.usage("CONTRACT and KEY must not be empty");
    }
    if (height != null && height < 1) {
      throw node.usage("--height must be a block height (1, 2, ...), got " + height);
    }
    node.nodeUrl();
    OfflineVerifier verifier = genesis == null ? null : node.offlineVerifier(genesis);
    if (!proof && height == null && verifier == null) {
      try (ChanceryClient client = node.connect()) {
        StateEntry entry = client.state(contract, key);
        node.print(ResultJson.state(entry), () -> ResultText.state(node.out(), entry));
        return 0;
      } catch (ChanceryClientException e) {
        return node.report(e);
      }
    }
    StateProofResponse response;
    try (ChanceryClient client = node.connect()) {
      response = client.stateProof(contract, key, height == null ? 0 : height);
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("contract", response.contract());
    json.put("key", response.key());
    json.put("height", response.height());
    json.put("exists", response.value().isPresent());
    response
        .value()
        .ifPresent(v -> json.put("value", Base64.getEncoder().encodeToString(v.toArray())));
    json.set("proof", response.proof());
    String failure = null;
    if (verifier != null) {
      try {
        ProvenState proven = verifier.verifyState(response);
        ObjectNode v = json.putObject("verification");
        v.put("verified", true);
        v.put("genesis", genesis.toString());
        v.put("height", proven.height());
        v.put("blockTime", proven.blockTime().toString());
        v.put("stateRoot", proven.stateRoot().hex());
      } catch (InvalidProofException e) {
        failure = e.getMessage();
        json.putObject("verification").put("verified", false).put("reason", failure);
      }
    }
    String reason = failure;
    node.print(
        json,
        () -> {
          node.out()
              .printf(
                  "%s/%s at height %d: %s%n",
                  contract,
                  key,
                  response.height(),
                  response.value().isPresent() ? "present" : "absent");
          response
              .value()
              .ifPresent(v -> node.out().println(new String(v.toArray(), StandardCharsets.UTF_8)));
          if (verifier != null && reason == null) {
            node.out()
                .println(
                    "Verified offline against "
                        + genesis
                        + ": the certified state root"
                        + " of block "
                        + response.height()
                        + " proves this.");
          }
        });
    if (failure != null) {
      return node.failed("not verified against " + genesis + ": " + failure);
    }
    return 0;
  }
}
