package org.chancery.crypto.pki;

import java.security.cert.X509Certificate;
import java.util.Objects;
import org.chancery.crypto.EcPublicKey;

/**
 * Who a validated certificate belongs to, as {@link CertificateValidator#validate} found it: the
 * organisation (the O of both the certificate and its issuing CA), the role (OU), the name (CN),
 * the certificate itself and its public key, ready for {@code CryptoSuite.verify}.
 *
 * <pre>{@code
 * MemberIdentity who = validator.validate(certificate, blockTime, Set.of(MemberRole.ADMIN));
 * boolean signed = suite.verify(who.publicKey(), bodyBytes, signature);
 * log.info("config vote by {} of {}", who.commonName(), who.organisation());
 * }</pre>
 *
 * @param organisation the organisation id
 * @param role the member's role
 * @param commonName the member's name
 * @param certificate the certificate that was validated
 * @param publicKey the certificate's subject public key
 */
public record MemberIdentity(
    String organisation,
    MemberRole role,
    String commonName,
    X509Certificate certificate,
    EcPublicKey publicKey) {

  public MemberIdentity {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(commonName, "commonName");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(publicKey, "publicKey");
  }
}
