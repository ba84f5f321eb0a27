package org.chancery.crypto.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/** The subject alternative names (DNS names, IP addresses) of TLS certificates. */
final class AlternativeNames {
  /** LDH labels of at most 63 characters; a wildcard only as the whole first label. */
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private static final int MAX_DNS_NAME_LENGTH = 253;

  private AlternativeNames() {}

  static void requireDnsName(String name) {
    if (name == null || name.length() > MAX_DNS_NAME_LENGTH || !DNS_NAME.matcher(name).matches()) {
      throw new InvalidCertificateRequestException(
          "'"
              + name
              + "' is not a DNS name for a certificate: use letters, digits, '-' and '.', for"
              + " example node1.tax.example (internationalised names in their xn-- form)");
    }
  }

  static void requireIpAddress(String address) {
    // IPAddress parses literals only; InetAddress.getByName would resolve host names over DNS.
    if (address == null || !IPAddress.isValid(address)) {
      throw new InvalidCertificateRequestException(
          "'" + address + "' is not an IPv4 or IPv6 address literal, for example 10.0.0.11 or ::1");
    }
  }

  /** The SAN of a request, or {@code null} when it names no host. */
  static GeneralNames of(CertificateRequest request) {
    List<GeneralName> names = new ArrayList<>();
    request.dnsNames().forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    request.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
  }
}
