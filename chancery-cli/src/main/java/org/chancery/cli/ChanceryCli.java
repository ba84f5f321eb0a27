package org.chancery.cli;

import java.io.PrintWriter;
import org.chancery.cli.bench.BenchCommand;
import org.chancery.cli.block.BlockCommand;
import org.chancery.cli.demo.DemoCommand;
import org.chancery.cli.evidence.EvidenceCommand;
import org.chancery.cli.evidence.VerifyCommand;
import org.chancery.cli.network.NetworkCommand;
import org.chancery.cli.node.NodeCommand;
import org.chancery.cli.state.StateCommand;
import org.chancery.cli.tx.TxCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chancery} command. Exit codes: 0 success, 1 the operation or check failed, 2 usage
 * error. Results go to stdout (one JSON document with {@code --json}); diagnostics to stderr.
 *
 * <pre>
 * chancery network init --orgs 4 --out /tmp/net
 * chancery tx submit --node http://127.0.0.1:7200 --identity /tmp/net/orgs/org1/users/client \
 *     --contract kv --method put --args '{"key":"a","value":1}' --wait
 * </pre>
 */
@Command(
    name = "chancery",
    mixinStandardHelpOptions = true,
    versionProvider = ChanceryCli.Version.class,
    description = "Chancery: a tokenless consortium ledger for public records.",
    subcommands = {
      DemoCommand.class,
      NetworkCommand.class,
      NodeCommand.class,
      TxCommand.class,
      BlockCommand.class,
      StateCommand.class,
      BenchCommand.class,
      EvidenceCommand.class,
      VerifyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ChanceryCli {

  /** Exit code when the operation or check failed. */
  public static final int EXIT_FAILED = 1;

  /** Exit code for a usage error. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns its exit code; used by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new ChanceryCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorReporter());
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Prints the version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ChanceryCli.class.getPackage().getImplementationVersion();
      return new String[] {"chancery " + (v == null ? "development build" : v)};
    }
  }
}
