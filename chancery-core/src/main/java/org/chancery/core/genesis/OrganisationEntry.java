package org.chancery.core.genesis;

/**
 * A member organisation as the genesis records it.
 *
 * @param id short identifier, the O of every certificate the organisation issues
 * @param name human-readable name
 * @param identityCa PEM certificate of the organisation's identity CA (suite algorithm)
 * @param tlsCa PEM certificate of the organisation's TLS CA (ECDSA P-256)
 */
public record OrganisationEntry(String id, String name, String identityCa, String tlsCa) {}
