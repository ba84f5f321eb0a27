package org.chancery.core.genesis;

/**
 * A validator of the initial validator set.
 *
 * @param name the node's name, unique in the network, the CN of its certificates
 * @param organisation the id of the organisation that runs it
 * @param publicKey lowercase hex of the DER SubjectPublicKeyInfo of its identity key
 * @param identityCertificate PEM identity certificate, issued by its organisation's identity CA
 * @param address host:port of its peer-to-peer endpoint
 * @param power voting power (1 for every validator for now)
 */
public record ValidatorEntry(
    String name,
    String organisation,
    String publicKey,
    String identityCertificate,
    String address,
    int power) {}
