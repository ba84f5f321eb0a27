package org.chancery.sdk;

import java.time.Instant;
import java.util.Optional;
import org.chancery.core.Bytes;

/**
 * What a verified state proof establishes: in the state after the certified block {@code height},
 * {@code (contract, key)} held {@code value}, or nothing.
 *
 * @param contract the contract
 * @param key the key
 * @param height the block whose state it is
 * @param blockTime that block's time
 * @param stateRoot the certified state root the proof verified against
 * @param value the value, or empty for a proven absence
 */
public record ProvenState(
    String contract,
    String key,
    long height,
    Instant blockTime,
    Bytes stateRoot,
    Optional<Bytes> value) {}
