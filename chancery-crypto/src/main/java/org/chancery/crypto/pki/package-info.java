/**
 * The consortium's public-key infrastructure: per organisation an identity CA (in the chain's
 * suite) and a TLS CA (ECDSA P-256), the member certificates they issue, and the validator that
 * turns a certificate into a {@link org.chancery.crypto.pki.MemberIdentity} (organisation from O,
 * role from OU, name from CN) or a typed error with a stable code.
 *
 * <pre>{@code
 * CryptoSuite suite = CryptoSuite.byName("sm");
 * Instant now = Instant.now();
 * CertificateAuthority ca = CertificateAuthority.createIdentityCa(
 *     suite, "org1", now, now.plus(CertificateAuthority.DEFAULT_CA_VALIDITY));
 * EcKeyPair node = suite.generateKeyPair();
 * X509Certificate cert = ca.issueIdentity(new CertificateRequest(
 *     "node1", MemberRole.NODE, node.publicKey(), List.of(), List.of(),
 *     now, now.plus(CertificateAuthority.DEFAULT_MEMBER_VALIDITY)));
 *
 * CertificateValidator validator =
 *     new CertificateValidator(List.of(ca.certificate()), RevocationSet.empty());
 * MemberIdentity who = validator.validate(cert, now, Set.of(MemberRole.NODE));
 * }</pre>
 *
 * <p>The design, the extensions, the directory layout {@code chancery network init} writes and the
 * OpenSSL commands to inspect every file are in {@code docs/pki.md}.
 */
package org.chancery.crypto.pki;
