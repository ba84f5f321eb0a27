package org.chancery.core.proof;

import org.chancery.core.Bytes;
import org.chancery.core.state.StateProof;

/**
 * A state proof together with the certified header whose state root it verifies against, so that it
 * checks with nothing but the genesis.
 *
 * @param header encoded BlockHeader at {@code proof.height()}
 * @param certificate encoded CommitCertificate of that header
 * @param proof the inclusion or non-inclusion proof
 */
public record CertifiedStateProof(Bytes header, Bytes certificate, StateProof proof) {}
