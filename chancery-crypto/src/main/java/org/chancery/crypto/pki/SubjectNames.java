package org.chancery.crypto.pki;

import java.io.IOException;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Builds and reads the subject names Chancery's PKI uses: {@code O=<org>, CN=<org> Identity CA} for
 * CAs and {@code O=<org>, OU=<role>, CN=<name>} for members. Attribute values are UTF8String, so
 * organisation and person names in Chinese survive unchanged.
 */
final class SubjectNames {
  private SubjectNames() {}

  static X500Name ca(String orgId, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, orgId)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  static X500Name member(String orgId, MemberRole role, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, orgId)
        .addRDN(BCStyle.OU, role.ou())
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /**
   * Checks a value that goes into a subject (a CN or O).
   *
   * <p>RFC 5280 suggests at most 64 characters for a CN or O ({@code ub-common-name}); Chancery
   * does not enforce that, because {@code <org> Identity CA} and {@code <user>@<org>} can exceed it
   * for valid organisation ids, and BouncyCastle, the JDK and OpenSSL all accept longer values.
   *
   * @throws InvalidCertificateRequestException if it is null, blank or has control characters
   */
  static void requireUsableValue(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new InvalidCertificateRequestException(what + " must not be blank");
    }
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      throw new InvalidCertificateRequestException(
          what + " '" + value.strip() + "' contains control characters");
    }
  }

  /**
   * The one value of {@code attribute} in {@code name}.
   *
   * @throws MalformedCertificateException if there is none or more than one
   */
  static String single(X500Name name, ASN1ObjectIdentifier attribute, String what) {
    RDN[] rdns = name.getRDNs(attribute);
    if (rdns.length != 1 || rdns[0].isMultiValued()) {
      throw new MalformedCertificateException(
          "certificate subject '"
              + display(name)
              + "' must have exactly one "
              + what
              + " but has "
              + rdns.length);
    }
    return IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  /** A subject as people read it: {@code CN=alice, OU=client, O=tax-bureau}. */
  static String display(X500Name name) {
    try {
      return new X500Principal(name.getEncoded()).toString();
    } catch (IOException | IllegalArgumentException e) {
      return name.toString();
    }
  }
}
