package org.chancery.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chancery.contracts.evidence.EvidenceContract;
import org.chancery.contracts.evidence.EvidenceQueries;
import org.chancery.core.Bytes;
import org.chancery.core.block.Block;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.block.Receipt;
import org.chancery.core.contract.ContractContext.StateEntry;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.EvidenceCertificate;
import org.chancery.core.evidence.EvidenceCertificateAssembler;
import org.chancery.core.evidence.EvidenceCertificateJson;
import org.chancery.ledger.Ledger;
import org.chancery.ledger.state.StateKey;

/**
 * {@code /v1/evidence}: deposits of the {@code evidence} contract, read from committed state.
 *
 * <ul>
 *   <li>{@code GET /v1/evidence/{depositId}}: the deposit record.
 *   <li>{@code GET /v1/evidence?digest=|depositor=[&member=][&limit=][&cursor=]}: deposits in
 *       commit order, earliest first, a page at a time.
 *   <li>{@code GET /v1/evidence/{depositId}/chain}: the process chain up to the deposit, and the
 *       deposits that continue it.
 *   <li>{@code GET /v1/evidence/{depositId}/certificate}: the self-contained evidence certificate,
 *       as JSON or through a {@link CertificateRenderer}.
 * </ul>
 */
final class EvidenceApi {
  static final String PREFIX = "/v1/evidence";
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int MAX_STAGES = 1000;
  static final int MAX_NEXT = 1000;

  private static final String JSON_TYPE = "application/json";
  private static final Set<String> LIST_PARAMETERS =
      Set.of("digest", "depositor", "member", "limit", "cursor");

  /** A response body and its media type. */
  record Reply(String contentType, byte[] body) {}

  private final ApiContext ctx;
  private final Ledger ledger;
  private final int hashLength;
  private final EvidenceQueries queries;
  private final EvidenceCertificateAssembler assembler;

  EvidenceApi(ApiContext ctx) {
    this.ctx = ctx;
    this.ledger = ctx.ledger();
    this.hashLength = ledger.suite().hashLength();
    this.queries =
        new EvidenceQueries(
            new EvidenceQueries.StateView() {
              @Override
              public Optional<byte[]> get(String key) {
                return ledger.state().get(new StateKey(EvidenceContract.NAME, key));
              }

              @Override
              public List<StateEntry> range(String from, String to, int limit) {
                return ledger.state().range(EvidenceContract.NAME, from, to, limit);
              }
            },
            hashLength);
    this.assembler = new EvidenceCertificateAssembler(ctx.genesis(), ledger.genesisHash());
  }

  static boolean handles(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /**
   * Answers a GET of {@code path} (raw, under {@link #PREFIX}).
   *
   * @param accept the request's Accept header, or null
   * @throws ApiException for a malformed request, an unknown deposit or an unacceptable type
   */
  Reply get(String path, Map<String, String> query, String accept) {
    if (path.equals(PREFIX)) {
      return json(list(query));
    }
    String[] parts = path.substring(PREFIX.length() + 1).split("/", -1);
    if (parts.length > 2
        || (parts.length == 2 && !Set.of("chain", "certificate").contains(parts[1]))) {
      throw new ApiException(
          404,
          "not-found",
          "no resource at "
              + path
              + "; use /v1/evidence/{depositId}, /v1/evidence/{depositId}/chain or"
              + " /v1/evidence/{depositId}/certificate");
    }
    DepositRecord record = deposit(hex(parts[0], "deposit id"));
    if (parts.length == 1) {
      return json(record.toJson());
    }
    if (parts[1].equals("chain")) {
      return json(chain(record));
    }
    return certificate(record, accept);
  }

  private ObjectNode list(Map<String, String> query) {
    for (String name : query.keySet()) {
      if (!LIST_PARAMETERS.contains(name)) {
        throw malformed(
            "unknown query parameter '"
                + name
                + "'; use digest or depositor[&member], limit, cursor");
      }
    }
    String digest = query.get("digest");
    String depositor = query.get("depositor");
    String member = query.get("member");
    if ((digest == null) == (depositor == null)) {
      throw malformed(
          "give exactly one of digest=<hex> or depositor=<organisation> (with member=<name> for one"
              + " member's deposits)");
    }
    if (member != null && depositor == null) {
      throw malformed("member= needs depositor=<organisation>");
    }
    if ((depositor != null && depositor.isEmpty()) || (member != null && member.isEmpty())) {
      throw malformed("depositor and member must not be empty");
    }
    int limit = limit(query.get("limit"));
    long from = cursor(query.get("cursor"));
    EvidenceQueries.Page page =
        digest != null
            ? queries.byDigest(hex(digest, "digest"), from, limit)
            : member != null
                ? queries.byMember(depositor, member, from, limit)
                : queries.byOrganisation(depositor, from, limit);
    ObjectNode n = JsonViews.JSON.createObjectNode();
    ArrayNode deposits = n.putArray("deposits");
    page.deposits().forEach(r -> deposits.add(r.toJson()));
    if (page.hasMore()) {
      n.put("nextCursor", Long.toString(page.next()));
    } else {
      n.putNull("nextCursor");
    }
    return n;
  }

  private ObjectNode chain(DepositRecord record) {
    EvidenceQueries.Chain chain = queries.chain(record, MAX_STAGES);
    ObjectNode n = JsonViews.JSON.createObjectNode();
    ArrayNode stages = n.putArray("stages");
    chain.stages().forEach(r -> stages.add(r.toJson()));
    ArrayNode next = n.putArray("next");
    queries.successors(record.depositId(), MAX_NEXT).forEach(id -> next.add(id.hex()));
    n.put("truncated", chain.truncated());
    return n;
  }

  private Reply certificate(DepositRecord record, String accept) {
    List<String> offered = new ArrayList<>();
    offered.add(JSON_TYPE);
    ctx.certificateRenderers().forEach(r -> offered.add(r.mediaType()));
    String type = MediaTypes.choose(accept, offered);
    if (type == null) {
      throw new ApiException(
          406,
          "not-acceptable",
          "this node serves an evidence certificate as "
              + String.join(" or ", offered)
              + "; the Accept header asks for '"
              + accept
              + "'");
    }
    long h = record.height();
    Block block = ledger.blocks().block(h).orElseThrow(() -> missing("block", h));
    List<Receipt> receipts = ledger.blocks().receipts(h, block.transactions().size());
    CommitCertificate commit =
        ledger.blocks().certificate(h).orElseThrow(() -> missing("commit certificate", h));
    EvidenceCertificate certificate = assembler.assemble(record, block, receipts, commit);
    byte[] json = EvidenceCertificateJson.encode(certificate);
    if (type.equals(JSON_TYPE)) {
      return new Reply(JSON_TYPE, json);
    }
    for (CertificateRenderer r : ctx.certificateRenderers()) {
      if (r.mediaType().equals(type)) {
        return new Reply(type, r.render(certificate, json));
      }
    }
    throw new IllegalStateException("no renderer for " + type);
  }

  private DepositRecord deposit(Bytes id) {
    return queries
        .deposit(id)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "unknown-deposit",
                    "no deposit " + id.hex() + " is committed on this chain",
                    Map.of("depositId", id.hex())));
  }

  private Bytes hex(String text, String what) {
    if (text.length() != hashLength * 2 || !text.matches("[0-9a-f]+")) {
      throw malformed(
          what
              + " must be "
              + hashLength * 2
              + " lowercase hex digits (this chain's "
              + ledger.suite().hashAlgorithm()
              + "), got '"
              + (text.length() > 80 ? text.substring(0, 80) + "…" : text)
              + "'");
    }
    return Bytes.fromHex(text);
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    if (!text.matches("[0-9]{1,4}")
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) > MAX_LIMIT) {
      throw malformed(
          "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  private static long cursor(String text) {
    if (text == null) {
      return 0;
    }
    if (!text.matches("[0-9]{1,18}")) {
      throw malformed(
          "cursor must be a nextCursor value from an earlier page of the same query, got '"
              + text
              + "'");
    }
    return Long.parseLong(text);
  }

  private static ApiException malformed(String detail) {
    return new ApiException(400, "malformed-request", detail);
  }

  private static IllegalStateException missing(String what, long height) {
    return new IllegalStateException("the node stores no " + what + " at height " + height);
  }

  private static Reply json(ObjectNode n) {
    try {
      return new Reply(JSON_TYPE, JsonViews.JSON.writeValueAsBytes(n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
