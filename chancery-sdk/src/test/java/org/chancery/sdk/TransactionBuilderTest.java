package org.chancery.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.chancery.core.Bytes;
import org.chancery.core.tx.Transaction;
import org.chancery.core.tx.TxBody;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionBuilderTest {
  private static final TestChain CHAIN = TestChain.solo();
  private static final Identity ALICE = CHAIN.member("alice");
  private static final String ARGS = "{\"key\": \"permit/1\", \"value\": {\"n\": 1}}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TransactionBuilder builder = CHAIN.builder(ALICE);

  @Test
  void signatureVerifiesOverTheExactBodyBytesWithTheCreatorsKey() {
    Transaction tx = builder.build("kv", "put", ARGS);

    assertThat(tx.signatureValid(CHAIN.suite, ALICE.publicKey())).isTrue();
    assertThat(CHAIN.suite.verify(ALICE.publicKey(), tx.bodyBytes(), tx.signature())).isTrue();
    assertThat(tx.signatureValid(CHAIN.suite, CHAIN.member("bob").publicKey())).isFalse();
  }

  @Test
  void txIdIsTheHashOfTheBodyBytes() {
    Transaction tx = builder.build("kv", "put", ARGS);

    assertThat(tx.txId()).isEqualTo(Bytes.of(CHAIN.suite.hash(tx.bodyBytes())));
    assertThat(tx.bodyBytes()).isEqualTo(tx.body().encode());
  }

  @Test
  void decodesToTheSameTransaction() {
    Transaction tx = builder.build("kv", "put", ARGS);

    Transaction again = Transaction.decode(tx.encoded(), CHAIN.suite);

    assertThat(again).isEqualTo(tx);
    assertThat(again.txId()).isEqualTo(tx.txId());
  }

  @Test
  void bodyNamesTheChainTheCreatorAndTheCall() {
    TxBody body = builder.build("kv", "put", ARGS).body();

    assertThat(body.chainId()).isEqualTo(TestChain.CHAIN_ID);
    assertThat(body.creatorOrg()).isEqualTo("org1");
    assertThat(body.creatorCertificate()).isEqualTo(ALICE.certificateDer());
    assertThat(body.contract()).isEqualTo("kv");
    assertThat(body.method()).isEqualTo("put");
    assertThat(body.args()).isEqualTo(ARGS);
    assertThat(body.nonce().length()).isEqualTo(TxBody.NONCE_LENGTH);
  }

  @Test
  void timestampIsTheClocksTimeInMilliseconds() {
    Instant at = Instant.parse("2025-03-01T08:00:00.123456Z");
    TransactionBuilder fixed =
        new TransactionBuilder(
            TestChain.CHAIN_ID,
            CHAIN.suite,
            ALICE,
            Clock.fixed(at, ZoneOffset.UTC),
            new SecureRandom());

    assertThat(fixed.build("kv", "put", ARGS).body().timestamp())
        .isEqualTo(Instant.parse("2025-03-01T08:00:00.123Z"));
  }

  @Test
  void everyTransactionGetsAFreshNonceAndId() {
    Set<Bytes> nonces = new HashSet<>();
    Set<Bytes> ids = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      Transaction tx = builder.build("kv", "put", ARGS);
      nonces.add(tx.body().nonce());
      ids.add(tx.txId());
    }

    assertThat(nonces).hasSize(500);
    assertThat(ids).hasSize(500);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "{\"key\": }",
        "{} {}",
        "{\"key\": 1} trailing",
        "{\"key\": 1, \"key\": 2}",
        "key=value",
        "'single quotes'"
      })
  void argsMustBeExactlyOneJsonDocument(String args) {
    assertThatThrownBy(() -> builder.build("kv", "put", args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("args ");
  }

  @Test
  void invalidJsonIsLocated() {
    assertThatThrownBy(() -> TransactionBuilder.requireJson("{\"key\":\n  oops}"))
        .hasMessageContaining("args is not valid JSON")
        .hasMessageContaining("line 2");
  }

  @Test
  void unclosedJsonNamesWhereItStarted() {
    assertThatThrownBy(() -> TransactionBuilder.requireJson("{\"key\": \"p\""))
        .hasMessage(
            "args is not valid JSON: Unexpected end-of-input: expected close marker for Object"
                + " (start marker at line 1, column 1) (line 1, column 12)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", "null", "42", "\"text\"", "{\"a\": [1, 2, {\"b\": null}]}"})
  void anyJsonDocumentIsAcceptedAndKeptVerbatim(String args) {
    assertThat(builder.build("c", "m", args).body().args()).isEqualTo(args);
  }

  @Test
  void argsMayBeAJacksonTree() {
    ObjectNode args = new ObjectMapper().createObjectNode().put("key", "k").put("value", "v");

    assertThat(builder.build("kv", "put", args).body().args())
        .isEqualTo("{\"key\":\"k\",\"value\":\"v\"}");
  }

  @Test
  void textThatUtf8CannotCarryIsRejected() {
    assertThatThrownBy(() -> builder.build("kv", "put", "{\"key\": \"a\uD800b\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void contractAndMethodMustNotBeBlank() {
    assertThatThrownBy(() -> builder.build(" ", "put", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contract must not be blank");
    assertThatThrownBy(() -> builder.build("kv", "", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("method must not be blank");
  }

  @Test
  void anIdentityOfAnotherSuiteCannotSign() {
    Identity nistMember = new TestChain("nist", 1).member("carol");

    assertThatThrownBy(
            () -> new TransactionBuilder(TestChain.CHAIN_ID, CryptoSuite.byName("sm"), nistMember))
        .isInstanceOfSatisfying(
            IdentityException.class, e -> assertThat(e.code()).isEqualTo("wrong-suite"))
        .hasMessageContaining("suite 'sm'");
  }

  @Property(tries = 50)
  void anyStringValuesRoundTripThroughTheSignedBody(
      @ForAll @StringLength(max = 40) String key, @ForAll @StringLength(max = 80) String value)
      throws Exception {
    ObjectNode args = JSON.createObjectNode().put("key", key).put("value", value);

    Transaction tx = builder.build("kv", "put", args);
    Transaction again = Transaction.decode(tx.encoded(), CHAIN.suite);

    assertThat(JSON.readTree(again.body().args())).isEqualTo(args);
    assertThat(again.signatureValid(CHAIN.suite, ALICE.publicKey())).isTrue();
  }
}
