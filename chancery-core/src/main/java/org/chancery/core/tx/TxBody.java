package org.chancery.core.tx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import org.chancery.core.Bytes;
import org.chancery.core.proto.LedgerProto;

/**
 * The signed part of a transaction: which chain, when, by whom, and what to call. Its {@link
 * #encode() encoding} is what the creator signs and what {@code txId} hashes.
 *
 * @param chainId the chain this transaction is for
 * @param nonce 16 random bytes
 * @param timestamp client time, millisecond precision
 * @param creatorOrg the creator's organisation id
 * @param creatorCertificate DER X.509 identity certificate of the creator
 * @param contract the system contract to call
 * @param method the contract method
 * @param args arguments as a JSON document
 */
public record TxBody(
    String chainId,
    Bytes nonce,
    Instant timestamp,
    String creatorOrg,
    Bytes creatorCertificate,
    String contract,
    String method,
    String args) {

  /** Length of {@link #nonce()}. */
  public static final int NONCE_LENGTH = 16;

  /** The canonical protobuf encoding. */
  public byte[] encode() {
    return LedgerProto.TxBody.newBuilder()
        .setChainId(chainId)
        .setNonce(ByteString.copyFrom(nonce.toArray()))
        .setTimestampMillis(timestamp.toEpochMilli())
        .setCreatorOrg(creatorOrg)
        .setCreatorCertificate(ByteString.copyFrom(creatorCertificate.toArray()))
        .setContract(contract)
        .setMethod(method)
        .setArgs(args)
        .build()
        .toByteArray();
  }

  /**
   * Decodes a body, accepting only the canonical encoding of a complete body, so that one body has
   * exactly one byte representation.
   *
   * @throws InvalidTransactionException with code {@code malformed-transaction}
   */
  public static TxBody decode(byte[] encoded) {
    LedgerProto.TxBody p;
    try {
      p = LedgerProto.TxBody.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw malformed("transaction body is not a valid TxBody message: " + e.getMessage());
    }
    if (!p.getUnknownFields().asMap().isEmpty()) {
      throw malformed("transaction body has fields this node does not know");
    }
    if (p.getChainId().isEmpty()) {
      throw malformed("transaction body has no chain id");
    }
    if (p.getNonce().size() != NONCE_LENGTH) {
      throw malformed(
          "transaction nonce must be " + NONCE_LENGTH + " bytes, got " + p.getNonce().size());
    }
    if (p.getCreatorOrg().isEmpty() || p.getCreatorCertificate().isEmpty()) {
      throw malformed("transaction body names no creator organisation or certificate");
    }
    if (p.getContract().isEmpty() || p.getMethod().isEmpty()) {
      throw malformed("transaction body names no contract or method");
    }
    TxBody body =
        new TxBody(
            p.getChainId(),
            Bytes.of(p.getNonce().toByteArray()),
            Instant.ofEpochMilli(p.getTimestampMillis()),
            p.getCreatorOrg(),
            Bytes.of(p.getCreatorCertificate().toByteArray()),
            p.getContract(),
            p.getMethod(),
            p.getArgs());
    if (!java.util.Arrays.equals(body.encode(), encoded)) {
      throw malformed(
          "transaction body is not canonically encoded (fields out of order or" + " repeated)");
    }
    return body;
  }

  private static InvalidTransactionException malformed(String message) {
    return new InvalidTransactionException("malformed-transaction", message);
  }
}
