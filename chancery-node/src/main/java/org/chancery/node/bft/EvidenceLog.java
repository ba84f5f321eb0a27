package org.chancery.node.bft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chancery.consensus.types.SignedVote;
import org.chancery.consensus.votekeeper.Equivocation;
import org.chancery.core.proto.ConsensusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Equivocations this node caught: two different signed votes of one validator for the same height,
 * round and step. Each is kept once, in memory for {@code GET /v1/consensus/evidence} and appended
 * to a file in the node's consensus directory so that it survives restarts; both votes carry their
 * signatures, so anyone can check the proof against the genesis validator keys.
 *
 * <pre>{@code
 * EvidenceLog log = EvidenceLog.open(dataDir.resolve("consensus"));
 * log.record(equivocation);
 * List<Equivocation> all = log.all();
 * }</pre>
 */
public final class EvidenceLog {
  static final String FILE_NAME = "evidence.log";
  private static final Logger log = LoggerFactory.getLogger(EvidenceLog.class);
  private static final int MAX_KEPT = 10_000;

  private final Path file;
  private final List<Equivocation> kept = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  private EvidenceLog(Path file) {
    this.file = file;
  }

  /** Opens (or creates) the evidence file in {@code directory} and loads what it holds. */
  public static EvidenceLog open(Path directory) throws IOException {
    Files.createDirectories(directory);
    EvidenceLog evidence = new EvidenceLog(directory.resolve(FILE_NAME));
    if (Files.exists(evidence.file)) {
      int lineNo = 0;
      for (String line : Files.readAllLines(evidence.file, StandardCharsets.US_ASCII)) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          evidence.remember(decode(line));
        } catch (RuntimeException e) {
          // A torn last line after a crash is expected; evidence is never needed for safety.
          log.warn("evidence file {} line {} unreadable, skipped: {}", evidence.file, lineNo, e);
        }
      }
    }
    return evidence;
  }

  /** Keeps {@code e} unless the same proof is already kept; true if it was new. */
  public synchronized boolean record(Equivocation e) {
    if (!remember(e)) {
      return false;
    }
    try {
      Files.writeString(
          file,
          encode(e) + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException ex) {
      log.warn("cannot append evidence to {}: {}", file, ex.toString());
    }
    return true;
  }

  /** Every kept equivocation, oldest first. */
  public synchronized List<Equivocation> all() {
    return List.copyOf(kept);
  }

  private boolean remember(Equivocation e) {
    if (!seen.add(encode(e)) || kept.size() >= MAX_KEPT) {
      return false;
    }
    kept.add(e);
    return true;
  }

  private static String encode(Equivocation e) {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    return b64.encodeToString(WireCodec.encodeVote(e.counted()).toByteArray())
        + " "
        + b64.encodeToString(WireCodec.encodeVote(e.conflicting()).toByteArray());
  }

  private static Equivocation decode(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected two votes");
    }
    return new Equivocation(vote(parts[0]), vote(parts[1]));
  }

  private static SignedVote vote(String base64) {
    try {
      return WireCodec.decodeVote(
          ConsensusProto.WireVote.parseFrom(java.util.Base64.getDecoder().decode(base64)));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a vote: " + e.getMessage(), e);
    }
  }
}
