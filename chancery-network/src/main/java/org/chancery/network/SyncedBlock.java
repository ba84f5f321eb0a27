package org.chancery.network;

import java.util.Objects;

/**
 * A committed block as block sync carries it: the encoded {@code chancery.v1.Block} and its encoded
 * {@code chancery.v1.CommitCertificate}. The receiver decodes and verifies both; the network does
 * not look inside.
 *
 * @param height the block's height, so a receiver can check it got what it asked for
 * @param block the encoded block
 * @param certificate the encoded commit certificate
 */
public record SyncedBlock(long height, byte[] block, byte[] certificate) {
  public SyncedBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(certificate, "certificate");
  }
}
