package org.chancery.core.block;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.chancery.core.Bytes;
import org.chancery.core.proto.LedgerProto;

/**
 * The outcome of executing one transaction. A failed transaction still gets a receipt (and stays in
 * its block) but wrote nothing.
 *
 * @param txId the transaction's id
 * @param status success or failure
 * @param errorCode stable code of the failure; empty on success
 * @param errorMessage what went wrong; empty on success
 * @param events what the contract announced; empty on failure
 * @param result the contract's JSON result; empty when none or on failure
 */
public record Receipt(
    Bytes txId,
    Status status,
    String errorCode,
    String errorMessage,
    List<Event> events,
    String result) {

  public Receipt {
    events = List.copyOf(events);
  }

  /** Outcome of a transaction. */
  public enum Status {
    SUCCESS,
    FAILED
  }

  /** A successful receipt. */
  public static Receipt success(Bytes txId, List<Event> events, String result) {
    return new Receipt(txId, Status.SUCCESS, "", "", events, result == null ? "" : result);
  }

  /** A failed receipt: the transaction wrote nothing and announced nothing. */
  public static Receipt failed(Bytes txId, String errorCode, String errorMessage) {
    return new Receipt(txId, Status.FAILED, errorCode, errorMessage, List.of(), "");
  }

  /** The canonical encoding, a leaf of the header's receipt root. */
  public byte[] encode() {
    LedgerProto.Receipt.Builder b =
        LedgerProto.Receipt.newBuilder()
            .setTxId(ByteString.copyFrom(txId.toArray()))
            .setStatus(
                status == Status.SUCCESS
                    ? LedgerProto.Receipt.Status.SUCCESS
                    : LedgerProto.Receipt.Status.FAILED)
            .setErrorCode(errorCode)
            .setErrorMessage(errorMessage)
            .setResult(result);
    for (Event e : events) {
      b.addEvents(LedgerProto.Event.newBuilder().setName(e.name()).setData(e.data()));
    }
    return b.build().toByteArray();
  }

  /**
   * Decodes a receipt.
   *
   * @throws MalformedBlockException if the bytes are not a receipt
   */
  public static Receipt decode(byte[] encoded) {
    LedgerProto.Receipt p;
    try {
      p = LedgerProto.Receipt.parseFrom(encoded);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedBlockException("not a valid Receipt message: " + e.getMessage());
    }
    Status status =
        switch (p.getStatus()) {
          case SUCCESS -> Status.SUCCESS;
          case FAILED -> Status.FAILED;
          default -> throw new MalformedBlockException("receipt has no status");
        };
    List<Event> events = new ArrayList<>();
    for (LedgerProto.Event e : p.getEventsList()) {
      events.add(new Event(e.getName(), e.getData()));
    }
    return new Receipt(
        Bytes.of(p.getTxId().toByteArray()),
        status,
        p.getErrorCode(),
        p.getErrorMessage(),
        events,
        p.getResult());
  }
}
