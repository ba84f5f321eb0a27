package org.chancery.cli.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import org.chancery.cli.ChanceryCli;
import org.chancery.cli.JsonOutput;
import org.chancery.sdk.ChanceryApiException;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.ChanceryClientException;
import org.chancery.sdk.OfflineVerifier;
import org.chancery.sdk.UnexpectedResponseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options and error reporting every command that talks to a node shares: {@code --node URL},
 * {@code --json}, and what a failed call prints. A picocli mixin:
 *
 * <pre>{@code
 * @Mixin NodeOptions node;
 *
 * public Integer call() {
 *   try (ChanceryClient client = node.connect()) {
 *     ...
 *   } catch (ChanceryClientException e) {
 *     return node.report(e);
 *   }
 * }
 * }</pre>
 */
public final class NodeOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--node",
      required = true,
      paramLabel = "URL",
      description = "The node's API, for example http://127.0.0.1:7200.")
  String node;

  @Option(names = "--json", description = "Print the result as one JSON document.")
  boolean json;

  /** Whether {@code --json} was given. */
  public boolean json() {
    return json;
  }

  /**
   * The node URL.
   *
   * @throws ParameterException (exit 2) if it is not an http or https URL
   */
  public URI nodeUrl() {
    try {
      return ChanceryClient.nodeUrl(node);
    } catch (IllegalArgumentException e) {
      throw usage("--node: " + e.getMessage());
    }
  }

  /** A client of the node; close it when done. */
  public ChanceryClient connect() {
    return ChanceryClient.connect(nodeUrl());
  }

  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  public PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A usage error (exit 2) of this command, printed with its usage help. */
  public ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Prints a result: JSON with {@code --json}, otherwise the human form. */
  public void print(Object jsonDocument, Runnable human) {
    if (json) {
      JsonOutput.print(out(), jsonDocument);
    } else {
      human.run();
      out().flush();
    }
  }

  /**
   * Reports a failed call and returns exit code 1: one line on stderr naming the problem code and
   * detail; with {@code --json}, also {@code {"error": {...}}} on stdout so scripts can read the
   * code.
   */
  public int report(ChanceryClientException e) {
    if (e instanceof ChanceryApiException api) {
      err().printf("error: %s (HTTP %d): %s%n", api.code(), api.status(), api.detail());
    } else {
      err().println("error: " + e.getMessage());
    }
    err().flush();
    if (json) {
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      ObjectNode error = doc.putObject("error");
      error.put("code", e.code());
      error.put("node", e.node().toString());
      if (e instanceof ChanceryApiException api) {
        error.put("status", api.status());
        error.put("type", api.type());
        error.put("title", api.title());
        error.put("detail", api.detail());
        error.put("instance", api.instance());
      } else {
        if (e instanceof UnexpectedResponseException u) {
          error.put("status", u.status());
        }
        error.put("detail", e.getMessage());
      }
      JsonOutput.print(out(), doc);
    }
    return ChanceryCli.EXIT_FAILED;
  }

  /**
   * Loads the genesis given to {@code --verify-with}.
   *
   * @throws ParameterException (exit 2) if the file is missing, unreadable or not a genesis
   */
  public OfflineVerifier offlineVerifier(java.nio.file.Path genesis) {
    try {
      return OfflineVerifier.fromGenesisFile(genesis);
    } catch (java.nio.file.NoSuchFileException e) {
      throw usage("--verify-with: no such file " + genesis);
    } catch (java.io.IOException e) {
      throw usage("--verify-with: cannot read " + genesis + ": " + e.getMessage());
    } catch (org.chancery.core.config.ConfigException e) {
      throw usage("--verify-with: not a genesis: " + e.getMessage());
    }
  }

  /** Reports that the operation or check failed (exit 1), with {@code message} on stderr. */
  public int failed(String message) {
    err().println("error: " + message);
    err().flush();
    return ChanceryCli.EXIT_FAILED;
  }
}
