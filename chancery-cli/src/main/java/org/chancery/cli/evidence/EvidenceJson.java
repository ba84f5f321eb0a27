package org.chancery.cli.evidence;

import java.io.PrintWriter;
import java.time.Instant;
import org.chancery.cli.client.NodeOptions;
import org.chancery.core.Bytes;
import org.chancery.core.evidence.DepositRecord;

/** Shared reading and printing of the evidence commands. */
final class EvidenceJson {
  private EvidenceJson() {}

  /** A deposit id or digest given on the command line. */
  static Bytes hex(NodeOptions node, String text, String what) {
    if (text == null || !text.matches("([0-9a-fA-F]{2}){16,64}")) {
      throw node.usage(what + " must be hex digits (a hash), got '" + text + "'");
    }
    return Bytes.fromHex(text.toLowerCase(java.util.Locale.ROOT));
  }

  static String time(Instant t) {
    return t + "  (" + VerifyCommand.LOCAL_TIME.format(t.atZone(VerifyCommand.CHINA)) + ")";
  }

  /** One deposit in a line. */
  static void line(PrintWriter out, DepositRecord r) {
    out.printf(
        "%s  %s  %s of %s  block %d%s%n",
        r.time(),
        r.depositId().hex(),
        r.depositor().name(),
        r.depositor().organisation(),
        r.height(),
        r.request().fileName() == null ? "" : "  " + r.request().fileName());
  }

  /** A deposit in full. */
  static void record(PrintWriter out, DepositRecord r) {
    out.printf("deposit      %s%n", r.depositId().hex());
    out.printf("digest       %s%n", r.request().digest().hex());
    out.printf(
        "file         %s%s, %d bytes%n",
        r.request().fileName() == null ? "" : r.request().fileName() + ", ",
        r.request().mediaType(),
        r.request().size());
    if (!r.request().label().isEmpty()) {
      out.printf("label        %s%n", r.request().label());
    }
    if (!r.request().metadata().isEmpty()) {
      out.printf("metadata     %s%n", r.request().metadata());
    }
    if (r.request().previous() != null) {
      out.printf("previous     %s%n", r.request().previous().hex());
    }
    out.printf(
        "depositor    %s (%s) of %s%n",
        r.depositor().name(), r.depositor().role(), r.depositor().organisation());
    out.printf("time         %s%n", time(r.time()));
    out.printf(
        "block        %d, transaction %s (deposit %d)%n", r.height(), r.txId().hex(), r.index());
  }
}
