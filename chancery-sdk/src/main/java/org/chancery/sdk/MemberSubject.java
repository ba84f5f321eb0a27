package org.chancery.sdk;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.pki.MemberRole;

/**
 * The organisation (O), role (OU) and name (CN) in a member certificate's subject, read with the
 * JDK alone so the SDK needs no certificate validator (and no trusted CAs) to show who signed.
 * Reading a subject says nothing about whether the certificate is valid.
 *
 * <pre>{@code
 * MemberSubject who = MemberSubject.of(certificate); // org1, client, client@org1
 * }</pre>
 *
 * @param organisation the O
 * @param role the role the OU names
 * @param name the CN
 */
public record MemberSubject(String organisation, MemberRole role, String name) {

  /**
   * Reads the subject.
   *
   * @throws IllegalArgumentException if O, OU or CN is missing or repeated, or OU names no role
   */
  public static MemberSubject of(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    Map<String, String> values = new HashMap<>();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        String type = rdn.getType().toUpperCase(Locale.ROOT);
        if (rdn.size() != 1) {
          throw new IllegalArgumentException("subject '" + subject + "' has a multi-valued name");
        }
        if (values.put(type, String.valueOf(rdn.getValue())) != null
            && (type.equals("O") || type.equals("OU") || type.equals("CN"))) {
          throw new IllegalArgumentException("subject '" + subject + "' has more than one " + type);
        }
      }
    } catch (InvalidNameException e) {
      throw new IllegalArgumentException("subject '" + subject + "' cannot be parsed", e);
    }
    for (String needed : new String[] {"O", "OU", "CN"}) {
      if (!values.containsKey(needed)) {
        throw new IllegalArgumentException(
            "subject '"
                + subject
                + "' has no "
                + needed
                + "; a Chancery member certificate names O=<organisation>, OU=<role>, CN=<name>");
      }
    }
    MemberRole role;
    try {
      role = MemberRole.fromOu(values.get("OU"));
    } catch (CryptoException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new MemberSubject(values.get("O"), role, values.get("CN"));
  }
}
