package org.chancery.cli.tx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.chancery.cli.client.DurationConverter;
import org.chancery.cli.client.NodeOptions;
import org.chancery.cli.client.ResultJson;
import org.chancery.cli.client.ResultText;
import org.chancery.core.tx.Transaction;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.Identity;
import org.chancery.sdk.IdentityException;
import org.chancery.sdk.TransactionBuilder;
import org.chancery.sdk.TransactionResult;
import org.chancery.sdk.TransactionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chancery tx submit}: signs a transaction with an identity directory and submits it; with
 * {@code --wait}, waits for its block and prints the receipt. Exit 1 if the node rejects it, it
 * fails, or {@code --wait} runs out.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a transaction as a member and submit it to a node.",
      "",
      "Exit codes: 0 accepted (with --wait: committed); 1 rejected by the node, failed in"
          + " execution, or not committed within --timeout; 2 usage error.",
      "",
      "Examples:",
      "  chancery tx submit --node http://127.0.0.1:7200 \\",
      "      --identity /tmp/net/orgs/org1/users/client \\",
      "      --contract kv --method put --args '{\"key\":\"a\",\"value\":1}' --wait"
    })
public final class TxSubmitCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = "--identity",
      required = true,
      paramLabel = "DIR",
      description =
          "Identity directory with cert.pem and key.pem, e.g. <net>/orgs/org1/users/client.")
  Path identity;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "File whose first line is the passphrase of an encrypted key.pem.")
  Path passphraseFile;

  @Option(
      names = "--contract",
      required = true,
      paramLabel = "C",
      description = "Contract to call, e.g. kv.")
  String contract;

  @Option(
      names = "--method",
      required = true,
      paramLabel = "M",
      description = "Method to call, e.g. put.")
  String method;

  @Option(
      names = "--args",
      paramLabel = "JSON",
      defaultValue = "{}",
      description = "Arguments as one JSON document (default: ${DEFAULT-VALUE}).")
  String args;

  @Option(names = "--wait", description = "Wait until the transaction is in a block.")
  boolean waitForCommit;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "With --wait: how long to wait, e.g. 500ms, 30s (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws IOException {
    try {
      TransactionBuilder.requireJson(args);
    } catch (IllegalArgumentException e) {
      throw node.usage("--args: " + e.getMessage());
    }
    if (contract.isBlank() || method.isBlank()) {
      throw node.usage("--contract and --method must not be blank");
    }
    node.nodeUrl();
    Identity member;
    try {
      member = Identity.load(identity, readPassphrase());
    } catch (IdentityException e) {
      if (e.code().equals("identity-not-found") || e.code().equals("passphrase-required")) {
        throw node.usage("--identity: " + e.getMessage());
      }
      return node.failed("--identity: " + e.getMessage());
    }
    try (ChanceryClient client = node.connect()) {
      Transaction tx;
      try {
        tx = client.newTransaction(member).build(contract, method, args);
      } catch (IdentityException e) {
        return node.failed(e.getMessage());
      }
      TransactionResult result =
          waitForCommit ? client.submitAndWait(tx, timeout) : client.submit(tx);
      node.print(
          ResultJson.transaction(result),
          () -> {
            ResultText.transaction(node.out(), result);
            if (!waitForCommit) {
              node.out()
                  .printf(
                      "%nFollow it with: chancery tx get --node %s %s%n",
                      client.node().toString().replaceFirst("/$", ""), result.txId().hex());
            }
          });
      return exitCode(result);
    } catch (ChanceryClientException e) {
      return node.report(e);
    }
  }

  private int exitCode(TransactionResult result) {
    if (result.status() == TransactionStatus.FAILED) {
      TransactionResult.Included in = (TransactionResult.Included) result;
      return node.failed(
          "transaction failed: " + in.receipt().errorCode() + ": " + in.receipt().errorMessage());
    }
    if (waitForCommit && result.status() == TransactionStatus.PENDING) {
      return node.failed(
          "transaction accepted but not committed within "
              + timeout.toMillis()
              + " ms; check it later with 'chancery tx get'");
    }
    return 0;
  }

  private char[] readPassphrase() throws IOException {
    if (passphraseFile == null) {
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(passphraseFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw node.usage("--passphrase-file: no such file " + e.getFile());
    }
    if (lines.isEmpty() || lines.get(0).isEmpty()) {
      throw node.usage("--passphrase-file: the first line must hold the passphrase");
    }
    return lines.get(0).toCharArray();
  }
}
