package org.chancery.core.tx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import org.chancery.core.Bytes;
import org.chancery.core.proto.LedgerProto;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcPrivateKey;
import org.chancery.crypto.EcPublicKey;

/**
 * A signed transaction: the exact bytes of its {@link TxBody}, the creator's signature over them,
 * and its id {@code txId = hash(body bytes)}. Immutable; decoding checks structure only, and
 * whether the signature and the creator are valid is checked when the mempool admits it.
 *
 * <pre>{@code
 * Transaction tx = Transaction.sign(body, key, suite);
 * byte[] wire = tx.encoded();
 * Transaction again = Transaction.decode(wire, suite);
 * }</pre>
 */
public final class Transaction {
  private final byte[] bodyBytes;
  private final byte[] signature;
  private final byte[] encoded;
  private final TxBody body;
  private final Bytes txId;

  private Transaction(byte[] bodyBytes, byte[] signature, byte[] encoded, TxBody body, Bytes id) {
    this.bodyBytes = bodyBytes;
    this.signature = signature;
    this.encoded = encoded;
    this.body = body;
    this.txId = id;
  }

  /** Encodes and signs {@code body} with the creator's key. */
  public static Transaction sign(TxBody body, EcPrivateKey key, CryptoSuite suite) {
    byte[] bodyBytes = body.encode();
    byte[] signature = suite.sign(key, bodyBytes);
    byte[] encoded = encode(bodyBytes, signature);
    return new Transaction(bodyBytes, signature, encoded, body, Bytes.of(suite.hash(bodyBytes)));
  }

  /**
   * Decodes an encoded {@code Transaction} message.
   *
   * @throws InvalidTransactionException with code {@code malformed-transaction}
   */
  public static Transaction decode(byte[] encoded, CryptoSuite suite) {
    LedgerProto.Transaction p;
    try {
      p = LedgerProto.Transaction.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidTransactionException(
          "malformed-transaction", "not a valid Transaction message: " + e.getMessage());
    }
    if (!p.getUnknownFields().asMap().isEmpty()) {
      throw new InvalidTransactionException(
          "malformed-transaction", "transaction has fields this node does not know");
    }
    if (p.getSignature().isEmpty()) {
      throw new InvalidTransactionException("unsigned", "transaction carries no signature");
    }
    byte[] bodyBytes = p.getBody().toByteArray();
    byte[] signature = p.getSignature().toByteArray();
    TxBody body = TxBody.decode(bodyBytes);
    if (!Arrays.equals(encode(bodyBytes, signature), encoded)) {
      throw new InvalidTransactionException(
          "malformed-transaction", "transaction is not canonically encoded");
    }
    return new Transaction(
        bodyBytes, signature, encoded.clone(), body, Bytes.of(suite.hash(bodyBytes)));
  }

  private static byte[] encode(byte[] bodyBytes, byte[] signature) {
    return LedgerProto.Transaction.newBuilder()
        .setBody(ByteString.copyFrom(bodyBytes))
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteArray();
  }

  /** Whether the signature verifies over the exact body bytes with {@code key}. */
  public boolean signatureValid(CryptoSuite suite, EcPublicKey key) {
    return suite.verify(key, bodyBytes, signature);
  }

  /** {@code hash(body bytes)}. */
  public Bytes txId() {
    return txId;
  }

  public TxBody body() {
    return body;
  }

  /** The exact signed body bytes. */
  public byte[] bodyBytes() {
    return bodyBytes.clone();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The encoded {@code Transaction} message, as stored in blocks and sent on the wire. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Size of {@link #encoded()} in bytes. */
  public int size() {
    return encoded.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return txId.hashCode();
  }

  @Override
  public String toString() {
    return "Transaction[" + txId.hex() + " " + body.contract() + "." + body.method() + "]";
  }
}
