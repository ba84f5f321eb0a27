package org.chancery.crypto.pki;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.chancery.crypto.EcPublicKey;

/**
 * What a member (leaf) certificate should say. A {@link CertificateAuthority} turns it into a
 * certificate with {@link CertificateAuthority#issueIdentity} or {@link
 * CertificateAuthority#issueTls}.
 *
 * <p>{@code dnsNames} and {@code ipAddresses} become the subject alternative name (SAN) of a TLS
 * certificate and may be empty. Identity certificates never carry a SAN: {@code issueIdentity}
 * ignores both lists. Validity is inclusive at both ends and kept to whole seconds (X.509 encodes
 * no fractions), so sub-second parts are dropped.
 *
 * <pre>{@code
 * CertificateRequest request = new CertificateRequest(
 *     "node1", MemberRole.NODE, tlsKeys.publicKey(),
 *     List.of("node1.tax.example"), List.of("10.0.0.11"),
 *     now, now.plus(CertificateAuthority.DEFAULT_MEMBER_VALIDITY));
 * }</pre>
 *
 * @param commonName the subject's CN, for example {@code node1} or {@code alice}; not blank
 * @param role the role written into the subject's OU
 * @param subjectKey the public key the certificate binds to the subject
 * @param dnsNames DNS names for the SAN of a TLS certificate (a leading {@code *.} is allowed)
 * @param ipAddresses IPv4 or IPv6 literals for the SAN of a TLS certificate
 * @param notBefore first instant the certificate is valid
 * @param notAfter last instant the certificate is valid; after {@code notBefore}
 * @throws InvalidCertificateRequestException if a name, address or the validity is unusable
 */
public record CertificateRequest(
    String commonName,
    MemberRole role,
    EcPublicKey subjectKey,
    List<String> dnsNames,
    List<String> ipAddresses,
    Instant notBefore,
    Instant notAfter) {

  public CertificateRequest {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subjectKey, "subjectKey");
    SubjectNames.requireUsableValue(commonName, "common name");
    dnsNames = List.copyOf(Objects.requireNonNull(dnsNames, "dnsNames"));
    ipAddresses = List.copyOf(Objects.requireNonNull(ipAddresses, "ipAddresses"));
    dnsNames.forEach(AlternativeNames::requireDnsName);
    ipAddresses.forEach(AlternativeNames::requireIpAddress);
    Validity.require(notBefore, notAfter, "certificate for " + commonName);
  }
}
