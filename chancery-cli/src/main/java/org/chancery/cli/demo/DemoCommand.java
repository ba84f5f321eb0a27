package org.chancery.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.chancery.cli.ChanceryCli;
import org.chancery.cli.demo.DemoNetwork.Org;
import org.chancery.cli.network.NetworkDirectory;
import org.chancery.cli.network.NetworkNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chancery demo}: what a new user runs first. Starts a four-organisation BFT network on this
 * machine and walks through the applications with the very commands a user would type, printing
 * each command before its output: deposit a file's digest, fetch its certificate as JSON and PDF,
 * verify the certificate offline, and see a one-byte change of the file fail verification.
 *
 * <p>Every step runs the real CLI command in this process against the real nodes (separate JVMs,
 * gRPC over mutual TLS between them), and checks its exit code; {@code --once} stops the network
 * afterwards and exits 0 only if every step held.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a 4-organisation BFT network on this machine and walk through deposit ->"
          + " certificate (JSON and PDF) -> offline verification -> tamper detection.",
      "The network directory is reused on a second run. Without --once the network keeps"
          + " running until Ctrl-C, which stops it.",
      "",
      "Exit codes: 0 every step held; 1 a step failed (the network is stopped); 2 usage error.",
      "",
      "Examples:",
      "  chancery demo",
      "  chancery demo --once --dir /tmp/chancery-demo"
    })
public final class DemoCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "chancery-demo",
      description =
          "The demo's network directory, created on the first run and reused later"
              + " (default: ${DEFAULT-VALUE} in the current directory).")
  Path dir;

  @Option(
      names = "--base-port",
      paramLabel = "PORT",
      defaultValue = "7500",
      description =
          "When creating the network: node i listens for peers on PORT+i-1 and serves its API on"
              + " PORT+100+i-1 (default: ${DEFAULT-VALUE}).")
  int basePort;

  @Option(
      names = "--once",
      description = "Run the scenario, stop the network and exit (0 only if every step held).")
  boolean once;

  private PrintWriter out;
  private int stepNumber;
  private final List<String> failures = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (basePort < 1 || basePort + 103 > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--base-port must leave room for 4 nodes below 65536");
    }
    out = spec.commandLine().getOut();
    DemoNetwork network = new DemoNetwork(dir.toAbsolutePath().normalize(), basePort);
    out.println("Chancery demo: evidence deposit with a certificate a court can verify offline");
    out.println("=============================================================================");
    boolean up = startNetwork(network);
    if (!up) {
      return finish(network, false);
    }
    NetworkDirectory net = NetworkDirectory.open(network.dir());
    Map<String, URI> apis = new LinkedHashMap<>();
    for (NetworkNode n : net.nodes()) {
      apis.put(n.organisation(), n.api());
    }
    boolean held = new EvidenceScenario(this, network, apis).run();
    return finish(network, held);
  }

  private boolean startNetwork(DemoNetwork network) throws IOException {
    if (network.exists()) {
      section("Reuse the demo network in " + network.dir());
    } else {
      section("Create a network of four organisations, one BFT validator each");
      Path description = network.writeDescription();
      if (!step(
          "network init: CAs, identities, node configs and the genesis",
          "network",
          "init",
          "--config",
          description.toString(),
          "--out",
          network.dir().toString())) {
        return false;
      }
    }
    return step(
        "network up: each node in its own JVM, gRPC over mutual TLS between them",
        "network",
        "up",
        "--dir",
        network.dir().toString(),
        "--timeout",
        "120");
  }

  private int finish(DemoNetwork network, boolean held) {
    out.println();
    if (held && failures.isEmpty()) {
      out.println("Every step held.");
    } else {
      out.println("The demo FAILED at: " + String.join("; ", failures));
      out.println("Node logs: " + network.dir().resolve("run"));
    }
    out.flush();
    if (once || !held || !failures.isEmpty()) {
      stop(network);
      return held && failures.isEmpty() ? 0 : ChanceryCli.EXIT_FAILED;
    }
    out.println();
    out.println("The network keeps running. Press Ctrl-C to stop it.");
    out.println(
        "(Later: chancery network up --dir "
            + network.dir()
            + " starts it again; chancery network down --dir "
            + network.dir()
            + " stops it.)");
    out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(network), "demo-stop"));
    try {
      forever.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private void stop(DemoNetwork network) {
    out.println();
    out.println("Stopping the demo network...");
    out.flush();
    CliResult r = quiet("network", "down", "--dir", network.dir().toString(), "--timeout", "20");
    out.print(indent(r.out()));
    if (r.exit() != 0) {
      out.print(indent(r.err()));
    }
    out.flush();
  }

  // ---- helpers for scenarios ----

  void section(String title) {
    out.println();
    out.printf("[%d] %s%n", ++stepNumber, title);
    out.flush();
  }

  void say(String text) {
    out.println("    " + text);
    out.flush();
  }

  /** Runs one CLI command, showing it and its output; true if it exited 0. */
  boolean step(String what, String... args) {
    return expect(what, 0, args).exit() == 0;
  }

  /** Runs one CLI command, showing it and its output, and records a failure unless it exits so. */
  CliResult expect(String what, int expectedExit, String... args) {
    say(what);
    out.println("    $ chancery " + String.join(" ", quoteAll(args)));
    out.flush();
    CliResult r = quiet(args);
    out.print(indent(r.out()));
    if (!r.err().isBlank()) {
      out.print(indent(r.err()));
    }
    if (r.exit() != expectedExit) {
      failures.add(
          "'chancery "
              + String.join(" ", args)
              + "' exited "
              + r.exit()
              + ", expected "
              + expectedExit);
      out.println("    ✘ unexpected exit code " + r.exit() + " (expected " + expectedExit + ")");
    } else {
      out.println("    ✔ " + (expectedExit == 0 ? "done" : "refused, as it must be"));
    }
    out.flush();
    return r;
  }

  /** Runs a CLI command with {@code --json} and returns its document, or null after a failure. */
  JsonNode json(String what, String... args) {
    say(what);
    out.println("    $ chancery " + String.join(" ", quoteAll(args)));
    out.flush();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    CliResult r = quiet(all.toArray(String[]::new));
    if (r.exit() != 0) {
      out.print(indent(r.err()));
      failures.add("'chancery " + String.join(" ", args) + "' exited " + r.exit());
      out.println("    ✘ failed");
      out.flush();
      return null;
    }
    try {
      return JSON.readTree(r.out());
    } catch (IOException e) {
      failures.add("'chancery " + String.join(" ", args) + "' printed no JSON");
      return null;
    }
  }

  void fail(String what) {
    failures.add(what);
    out.println("    ✘ " + what);
    out.flush();
  }

  void written(String what, Path path) {
    out.printf("    %-22s %s%n", what, path);
    out.flush();
  }

  static void writeFile(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  record CliResult(int exit, String out, String err) {}

  private static CliResult quiet(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int exit = ChanceryCli.run(args, new PrintWriter(o), new PrintWriter(e));
    return new CliResult(exit, o.toString(), e.toString());
  }

  private static String indent(String text) {
    if (text.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append("      ").append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private static List<String> quoteAll(String... args) {
    List<String> q = new ArrayList<>();
    for (String a : args) {
      q.add(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return q;
  }

  static Org org(String id) {
    return DemoNetwork.ORGS.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
  }
}
