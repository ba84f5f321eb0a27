package org.chancery.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;

/**
 * Builds and signs transactions for one chain as one member. Each transaction gets 16 fresh random
 * nonce bytes and the current time (milliseconds), names the member's organisation and carries its
 * certificate; the signature covers the exact encoded {@link TxBody}, and {@code txId = hash(body
 * bytes)}. Thread-safe.
 *
 * <p>The chain id and suite come from the chain's genesis, or from the node: {@link
 * ChanceryClient#newTransaction(Identity)} reads them from {@code GET /v1/status}. A transaction is
 * valid only within the chain's validity window around its timestamp (10 minutes by default), so
 * build it shortly before submitting it.
 *
 * <pre>{@code
 * TransactionBuilder builder = new TransactionBuilder("chancery-local", CryptoSuite.byName("sm"),
 *     Identity.load(Path.of("/tmp/net/orgs/org1/users/client")));
 * Transaction tx = builder.build("kv", "put", "{\"key\": \"permit/1\", \"value\": {\"n\": 1}}");
 * System.out.println(tx.txId().hex());
 * }</pre>
 */
public final class TransactionBuilder {
  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final String chainId;
  private final CryptoSuite suite;
  private final Identity identity;
  private final Clock clock;
  private final SecureRandom random;

  /** A builder that reads the system clock and a fresh {@link SecureRandom}. */
  public TransactionBuilder(String chainId, CryptoSuite suite, Identity identity) {
    this(chainId, suite, identity, Clock.systemUTC(), new SecureRandom());
  }

  /**
   * A builder with its own clock and random source (tests; or a clock kept in step with the
   * chain's).
   *
   * @throws IllegalArgumentException if the chain id is blank
   * @throws IdentityException with code {@code wrong-suite} if the identity's key is not on the
   *     suite's curve
   */
  public TransactionBuilder(
      String chainId, CryptoSuite suite, Identity identity, Clock clock, SecureRandom random) {
    Objects.requireNonNull(chainId, "chainId");
    this.suite = Objects.requireNonNull(suite, "suite");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    if (chainId.isBlank()) {
      throw new IllegalArgumentException("chain id must not be blank");
    }
    if (identity.curve() != suite.curve()) {
      throw new IdentityException(
          "wrong-suite",
          identity
              + " has a key on "
              + identity.curve().curveName()
              + " but chain '"
              + chainId
              + "' uses suite '"
              + suite.name()
              + "' ("
              + suite.curve().curveName()
              + "); use an identity issued for this chain");
    }
    this.chainId = chainId;
  }

  /**
   * Builds and signs a transaction.
   *
   * @param args the method's arguments as a JSON document, kept byte for byte as given
   * @throws IllegalArgumentException if the contract or method is blank, or {@code args} is not
   *     exactly one JSON document
   */
  public Transaction build(String contract, String method, String args) {
    return Transaction.sign(body(contract, method, args), identity.privateKey(), suite);
  }

  /** Builds and signs a transaction whose arguments are a Jackson tree. */
  public Transaction build(String contract, String method, JsonNode args) {
    Objects.requireNonNull(args, "args");
    try {
      return build(contract, method, STRICT_JSON.writeValueAsString(args));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("args cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The unsigned body {@link #build} would sign, with a fresh nonce and timestamp.
   *
   * @throws IllegalArgumentException as {@link #build(String, String, String)}
   */
  public TxBody body(String contract, String method, String args) {
    requireName(contract, "contract");
    requireName(method, "method");
    requireJson(args);
    byte[] nonce = new byte[TxBody.NONCE_LENGTH];
    random.nextBytes(nonce);
    return new TxBody(
        chainId,
        Bytes.of(nonce),
        Instant.ofEpochMilli(clock.millis()),
        identity.organisation(),
        identity.certificateDer(),
        contract,
        method,
        args);
  }

  /**
   * Checks that {@code args} is exactly one JSON document (an object, array, string, number,
   * boolean or null) with no duplicate keys and nothing after it.
   *
   * @return {@code args}, unchanged
   * @throws IllegalArgumentException naming what is wrong and where
   */
  public static String requireJson(String args) {
    if (args == null || args.isBlank()) {
      throw new IllegalArgumentException("args must be a JSON document; use {} for none");
    }
    requireUnicode(args, "args");
    try {
      JsonNode node = STRICT_JSON.readTree(args);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("args must be a JSON document; use {} for none");
      }
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      // Jackson names nested locations as "[Source: ...; line: 1, column: 1]"; keep the position.
      String problem =
          e.getOriginalMessage()
              .replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
      throw new IllegalArgumentException("args is not valid JSON: " + problem + at, e);
    }
    return args;
  }

  private static void requireName(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    requireUnicode(value, what);
  }

  /**
   * The body carries text as UTF-8, which cannot encode a lone surrogate: it would be signed as
   * {@code ?} and no longer say what the caller wrote.
   */
  private static void requireUnicode(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what + " holds an unpaired surrogate at index " + i + "; it must be valid Unicode");
      }
    }
  }

  /** The chain the transactions are for. */
  public String chainId() {
    return chainId;
  }

  public CryptoSuite suite() {
    return suite;
  }

  /** The member who signs. */
  public Identity identity() {
    return identity;
  }
}
