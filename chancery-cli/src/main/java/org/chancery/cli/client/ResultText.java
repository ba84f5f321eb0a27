package org.chancery.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.stream.Collectors;
import org.chancery.core.block.BlockHeader;
import org.chancery.core.block.Receipt;
import org.chancery.sdk.BlockInfo;
import org.chancery.sdk.ProvenTransaction;
import org.chancery.sdk.StateEntry;
import org.chancery.sdk.TransactionReceipt;
import org.chancery.sdk.TransactionResult;
import org.chancery.sdk.TransactionView;

/** The human output of the node commands: labelled lines, times in UTC and China Standard Time. */
public final class ResultText {
  private static final ObjectMapper COMPACT = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final DateTimeFormatter CST =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'CST'").withZone(ZoneId.of("Asia/Shanghai"));

  private ResultText() {}

  /** RFC 3339 UTC, then the same instant in China Standard Time. */
  public static String time(Instant t) {
    return t + " (" + CST.format(t) + ")";
  }

  public static void transaction(PrintWriter out, TransactionResult result) {
    out.printf("Transaction %s%n", result.txId().hex());
    line(out, "status", result.status().wireName());
    switch (result) {
      case TransactionResult.Pending p -> {
        if (!p.detail().isEmpty()) {
          line(out, "detail", p.detail());
        }
      }
      case TransactionResult.Included in -> {
        line(out, "block", in.height() + ", index " + in.index());
        line(out, "block hash", in.blockHash().hex());
        in.transaction().ifPresent(t -> view(out, t));
        receipt(out, in.receipt());
      }
    }
  }

  private static void view(PrintWriter out, TransactionView t) {
    line(out, "call", t.contract() + "." + t.method() + " " + compact(t.args()));
    line(out, "creator", t.creatorOrg());
    line(out, "signed at", time(t.timestamp()));
  }

  private static void receipt(PrintWriter out, TransactionReceipt r) {
    line(out, "receipt", r.status().name());
    if (r.status() == Receipt.Status.FAILED) {
      line(out, "error", r.errorCode() + ": " + r.errorMessage());
    }
    r.result().ifPresent(json -> line(out, "result", compact(json)));
    for (TransactionReceipt.Event e : r.events()) {
      line(out, "event", e.name() + " " + compact(e.data()));
    }
  }

  public static void verified(PrintWriter out, String genesis, ProvenTransaction p) {
    out.printf("Verified offline against %s (chain %s):%n", genesis, p.chainId());
    line(out, "transaction", p.txId().hex());
    line(out, "call", p.contract() + "." + p.method());
    line(out, "signed by", p.creatorName() + " of " + p.creatorOrg());
    line(out, "block", p.height() + ", index " + p.index() + ", hash " + p.blockHash().hex());
    line(out, "block time", time(p.blockTime()));
    line(out, "receipt", p.status().name());
    line(out, "certified by", String.join(", ", p.certifiedBy()));
  }

  public static void block(PrintWriter out, BlockInfo b) {
    BlockHeader h = b.header();
    out.printf("Block %d %s%n", b.height(), b.hash().hex());
    line(out, "chain", h.chainId());
    line(out, "time", time(h.timestamp()));
    line(out, "proposer", h.proposer());
    line(out, "previous", h.previousHash().hex());
    line(out, "tx root", h.txRoot().hex());
    line(out, "receipt root", h.receiptRoot().hex());
    line(out, "state root", h.stateRoot().hex());
    line(out, "validator set", h.validatorSetHash().hex());
    b.certificate()
        .ifPresentOrElse(
            c ->
                line(
                    out,
                    "certificate",
                    "round "
                        + c.round()
                        + ", signed by "
                        + c.signatures().stream()
                            .map(s -> s.validator())
                            .collect(Collectors.joining(", "))),
            () -> line(out, "certificate", "none"));
    line(out, "transactions", Integer.toString(b.transactions().size()));
    for (BlockInfo.TransactionSummary t : b.transactions()) {
      out.printf(
          "    %s  %s.%s  %s  %s%n",
          t.txId().hex(), t.contract(), t.method(), t.creatorOrg(), t.timestamp());
    }
  }

  public static void state(PrintWriter out, StateEntry e) {
    out.printf("%s/%s at height %d:%n", e.contract(), e.key(), e.height());
    if (e.json().isPresent()) {
      out.println(pretty(e.json().get()));
    } else {
      out.println("(not JSON; base64) " + Base64.getEncoder().encodeToString(e.value().toArray()));
    }
  }

  /** One labelled line, aligned with the others. */
  public static void line(PrintWriter out, String label, String value) {
    out.printf("  %-13s %s%n", label, value);
  }

  private static String compact(JsonNode json) {
    try {
      return COMPACT.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      return json.toString();
    }
  }

  private static String pretty(JsonNode json) {
    try {
      return PRETTY.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      return json.toString();
    }
  }
}
