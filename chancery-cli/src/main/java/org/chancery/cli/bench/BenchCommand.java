package org.chancery.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chancery.cli.ChanceryCli;
import org.chancery.cli.JsonOutput;
import org.chancery.crypto.CryptoSuite;
import org.chancery.sdk.ChanceryClient;
import org.chancery.sdk.Identity;
import org.chancery.sdk.IdentityException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chancery bench}: open-loop load against a running network, reported against the machine's
 * own limit. In order: signs every transaction of the run (so signing does not compete with the
 * node later), measures the suite's signature verifications per second on all cores, then offers
 * the load ({@link LoadRun}) and follows the chain until the accepted transactions are committed.
 * Prints committed tx/s, submit-to-commit latency and the ratio {@code committed tx/s x validators
 * / verify/s}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Offer open-loop load to a running network and report committed tx/s, submit-to-commit"
          + " latency and the ratio to this machine's signature verifications per second,"
          + " measured in the same run.",
      "",
      "The limit is measured before and after the load (not during it), and the higher of the two"
          + " is used: a machine shared with other work can only make the ratio look worse.",
      "",
      "Transactions are small kv.put writes, signed before the load starts and timestamped then:"
          + " the whole run must fit in the chain's validity window (default 600 s). Latency"
          + " counts from each transaction's scheduled send time, so a node or client that falls"
          + " behind shows as latency. Commits are seen by following the first --node block by"
          + " block (every 10 ms at most), so latencies are late by up to about 10 ms, never"
          + " early.",
      "",
      "Exit codes: 0 measured; 1 nothing was committed or a node failed; 2 usage error.",
      "",
      "Example:",
      "  chancery bench --node http://127.0.0.1:7200 \\",
      "      --identity /tmp/net/orgs/org1/users/client --rate 2000 --duration 30"
    })
public final class BenchCommand implements Callable<Integer> {
  /** Most transactions one run signs and keeps in memory (about 1 KiB each). */
  static final long MAX_TRANSACTIONS = 3_000_000;

  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

  @Spec CommandSpec spec;

  @Option(
      names = "--node",
      required = true,
      paramLabel = "URL",
      description = "A node's API; repeat to spread the load over several nodes.")
  List<String> nodes;

  @Option(
      names = "--identity",
      required = true,
      paramLabel = "DIR",
      description = "Client identity directory with cert.pem and key.pem, from network init.")
  java.nio.file.Path identity;

  @Option(
      names = "--rate",
      paramLabel = "TX_PER_S",
      defaultValue = "1000",
      description = "Transactions per second offered (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "4",
      description = "Client threads sending (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "500",
      description =
          "Most transactions per request (default: ${DEFAULT-VALUE}); 1 sends each alone to POST"
              + " /v1/transactions, more use POST /v1/transactions:batch (at most 1000).")
  int batch;

  @ArgGroup(exclusive = true)
  Length length = new Length();

  static final class Length {
    @Option(
        names = "--duration",
        paramLabel = "S",
        description = "Seconds of measured load (default: 30).")
    Double seconds;

    @Option(
        names = "--transactions",
        paramLabel = "N",
        description = "Measured transactions, instead of --duration.")
    Long transactions;
  }

  @Option(
      names = "--warmup",
      paramLabel = "S",
      defaultValue = "5",
      description = "Seconds of load before the measurement (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(
      names = "--validators",
      paramLabel = "N",
      description =
          "Validators of the network, for the ratio (default: 1 for a solo network; required"
              + " otherwise).")
  Integer validators;

  @Option(
      names = "--verify-seconds",
      paramLabel = "S",
      defaultValue = "5",
      description =
          "Seconds to measure signature verifications per second on all cores, before and again"
              + " after the load (default: ${DEFAULT-VALUE}).")
  double verifySeconds;

  @Option(
      names = "--drain",
      paramLabel = "S",
      defaultValue = "60",
      description =
          "After the last send, seconds to wait for accepted transactions to commit (default:"
              + " ${DEFAULT-VALUE}).")
  double drain;

  @Option(names = "--json", description = "Print the result as one JSON document.")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    LoadPlan plan = plan();
    List<URI> urls = new ArrayList<>();
    for (String n : nodes) {
      try {
        urls.add(ChanceryClient.nodeUrl(n));
      } catch (IllegalArgumentException e) {
        throw usage("--node: " + e.getMessage());
      }
    }
    Identity member;
    try {
      member = Identity.load(identity);
    } catch (IdentityException e) {
      throw usage("--identity: " + e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    BenchClient client = new BenchClient(Duration.ofSeconds(30));
    try {
      JsonNode status = client.status(urls.get(0));
      CryptoSuite suite = CryptoSuite.byName(status.path("suite").asText());
      if (member.curve() != suite.curve()) {
        return failed(
            member + " is not for this chain's suite '" + suite.name() + "'; use its identity");
      }
      int validatorCount = validators(status.path("consensus").asText());
      int cores = Runtime.getRuntime().availableProcessors();
      err.printf("signing %,d transactions...%n", plan.total());
      err.flush();
      SignedLoad load =
          SignedLoad.sign(
              status.path("chainId").asText(), suite, member, (int) plan.total(), cores);
      err.printf(
          "measuring %s verify/s on %d cores for %.1f s...%n", suite.name(), cores, verifySeconds);
      err.flush();
      VerifyBaseline baseline = new VerifyBaseline(suite, cores, seconds(verifySeconds));
      double verifyBefore = baseline.measure();
      err.printf(
          "offering %,.0f tx/s for %.1f s (%.1f s warm-up)...%n",
          plan.rate(), plan.measuredNanos() / 1e9, plan.measureStartNanos() / 1e9);
      err.flush();
      LoadRun.LoadResult result =
          new LoadRun(client, urls, plan, load, seconds(drain), POLL_INTERVAL).run();
      err.printf("measuring %s verify/s again...%n", suite.name());
      err.flush();
      double verifyAfter = baseline.measure();
      BenchReport report =
          BenchReport.of(
              new BenchReport.Setup(
                  suite.name(), urls.stream().map(URI::toString).toList(), validatorCount, cores),
              plan,
              result,
              new BenchReport.Limit(verifyBefore, verifyAfter));
      if (json) {
        JsonOutput.print(spec.commandLine().getOut(), report);
      } else {
        report.printText(spec.commandLine().getOut());
      }
      client
          .firstTransportError()
          .ifPresent(e -> err.printf("warning: requests failed without an answer, first: %s%n", e));
      if (!result.drained()) {
        err.printf(
            "warning: %,d accepted transactions were not seen committed within --drain %.0f s%n",
            report.notCommitted(), drain);
        err.flush();
      }
      return report.committed() > 0 ? 0 : failed("no measured transaction was committed");
    } catch (BenchException e) {
      return failed(e.getMessage());
    }
  }

  private LoadPlan plan() {
    if (!(rate > 0) || threads < 1 || batch < 1 || batch > 1000) {
      throw usage("--rate and --threads must be positive, --batch between 1 and 1000");
    }
    if (warmup < 0 || !(verifySeconds > 0) || drain < 0) {
      throw usage("--warmup and --drain must not be negative, --verify-seconds must be positive");
    }
    long warmupTxs = Math.round(warmup * rate);
    long measured;
    if (length.transactions != null) {
      measured = length.transactions;
    } else {
      double s = length.seconds == null ? 30 : length.seconds;
      if (!(s > 0)) {
        throw usage("--duration must be positive");
      }
      measured = Math.round(s * rate);
    }
    if (measured < 1) {
      throw usage("nothing to measure: --transactions, or --duration x --rate, must be at least 1");
    }
    if (warmupTxs + measured > MAX_TRANSACTIONS) {
      throw usage(
          "the run would sign "
              + (warmupTxs + measured)
              + " transactions; at most "
              + MAX_TRANSACTIONS
              + " are kept in memory: lower --rate, --duration or --warmup");
    }
    return new LoadPlan(rate, threads, batch, warmupTxs, measured);
  }

  private int validators(String consensus) {
    if (validators != null) {
      if (validators < 1) {
        throw usage("--validators must be positive");
      }
      return validators;
    }
    if (consensus.equals("solo")) {
      return 1;
    }
    throw usage(
        "the network runs '"
            + consensus
            + "' consensus; give its number of validators with --validators N");
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private int failed(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: " + message);
    err.flush();
    return ChanceryCli.EXIT_FAILED;
  }
}
