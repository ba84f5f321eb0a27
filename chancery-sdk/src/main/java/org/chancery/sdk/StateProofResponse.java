package org.chancery.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.chancery.core.Bytes;

/**
 * A state read with its proof, as {@code GET /v1/state/{contract}/{key}?proof=true} returns it;
 * check it with {@link OfflineVerifier#verifyState}.
 *
 * <pre>{@code
 * StateProofResponse r = client.stateProof("kv", "permit/1");
 * ProvenState proven = OfflineVerifier.fromGenesisFile(genesis).verifyState(r);
 * }</pre>
 *
 * @param contract the contract
 * @param key the key
 * @param height the state's height
 * @param value the value the node says the key holds; empty when it says the key is absent
 * @param proof the certified state proof in its JSON form
 */
public record StateProofResponse(
    String contract, String key, long height, Optional<Bytes> value, JsonNode proof) {}
