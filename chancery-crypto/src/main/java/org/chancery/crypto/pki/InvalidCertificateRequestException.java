package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * What was asked of a {@link CertificateAuthority} cannot be put in a certificate: a blank name, a
 * validity that ends before it starts or lies outside what X.509 can encode, a malformed DNS name
 * or IP address. Code {@code invalid-certificate-request}.
 *
 * <pre>{@code
 * try {
 *   ca.issueTls(new CertificateRequest("node1", MemberRole.NODE, key,
 *       List.of("node_1"), List.of(), from, to));
 * } catch (InvalidCertificateRequestException e) {
 *   problem(e.code(), e.getMessage()); // code "invalid-certificate-request"
 * }
 * }</pre>
 */
public final class InvalidCertificateRequestException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public InvalidCertificateRequestException(String message) {
    super(message);
  }

  public InvalidCertificateRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "invalid-certificate-request";
  }
}
