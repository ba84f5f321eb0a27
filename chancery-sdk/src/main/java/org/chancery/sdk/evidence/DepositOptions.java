package org.chancery.sdk.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.chancery.core.Bytes;

/**
 * How a file is described when it is deposited. Every field may be null: the label then is empty,
 * the media type is probed from the file name (else {@code application/octet-stream}), the file
 * name is the file's own, and there is no metadata and no previous deposit.
 *
 * <pre>{@code
 * DepositOptions o = DepositOptions.defaults().withLabel("signed lease").withPrevious(earlierId);
 * }</pre>
 *
 * @param label a short description, at most 256 characters
 * @param mediaType the media type, {@code type/subtype}
 * @param fileName the name to record instead of the file's own
 * @param metadata a JSON object of the depositor's own fields
 * @param previous the deposit this one continues in a process chain
 */
public record DepositOptions(
    String label, String mediaType, String fileName, ObjectNode metadata, Bytes previous) {

  public DepositOptions {
    metadata = metadata == null ? null : metadata.deepCopy();
  }

  @Override
  public ObjectNode metadata() {
    return metadata == null ? null : metadata.deepCopy();
  }

  /** No label, probed media type, the file's name, no metadata, no previous deposit. */
  public static DepositOptions defaults() {
    return new DepositOptions(null, null, null, null, null);
  }

  public DepositOptions withLabel(String label) {
    return new DepositOptions(label, mediaType, fileName, metadata, previous);
  }

  public DepositOptions withMediaType(String mediaType) {
    return new DepositOptions(label, mediaType, fileName, metadata, previous);
  }

  public DepositOptions withFileName(String fileName) {
    return new DepositOptions(label, mediaType, fileName, metadata, previous);
  }

  public DepositOptions withMetadata(ObjectNode metadata) {
    return new DepositOptions(label, mediaType, fileName, metadata, previous);
  }

  public DepositOptions withPrevious(Bytes previous) {
    return new DepositOptions(label, mediaType, fileName, metadata, previous);
  }
}
