package org.chancery.crypto.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates revoked on chain, each named by its issuer's distinguished name and its serial
 * number (the pair that identifies a certificate in X.509). Immutable: {@link #with} returns a new
 * set and leaves this one as it was, so a validator built on one set is never changed under it.
 * Issuer names compare in their canonical form (case and spacing do not matter).
 *
 * <pre>{@code
 * RevocationSet revoked = RevocationSet.empty().with(stolenLaptopCertificate);
 * CertificateValidator validator = new CertificateValidator(identityCas, revoked);
 * }</pre>
 */
public final class RevocationSet {
  private static final RevocationSet EMPTY = new RevocationSet(Set.of());

  private final Set<Entry> entries;

  private RevocationSet(Set<Entry> entries) {
    this.entries = entries;
  }

  /** The set that revokes nothing. */
  public static RevocationSet empty() {
    return EMPTY;
  }

  /** This set plus {@code revoked}. */
  public RevocationSet with(X509Certificate revoked) {
    Objects.requireNonNull(revoked, "revoked");
    return with(revoked.getIssuerX500Principal(), revoked.getSerialNumber());
  }

  /** This set plus the certificate {@code issuer} issued with {@code serial}. */
  public RevocationSet with(X500Principal issuer, BigInteger serial) {
    Entry entry = new Entry(issuer, serial);
    if (entries.contains(entry)) {
      return this;
    }
    Set<Entry> more = new HashSet<>(entries);
    more.add(entry);
    return new RevocationSet(Set.copyOf(more));
  }

  /** Whether {@code certificate} is revoked. */
  public boolean contains(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    return entries.contains(
        new Entry(certificate.getIssuerX500Principal(), certificate.getSerialNumber()));
  }

  /** How many certificates are revoked. */
  public int size() {
    return entries.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevocationSet other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "RevocationSet[" + entries.size() + " revoked]";
  }

  /** X500Principal's equals compares canonical names, which is what revocation needs. */
  private record Entry(X500Principal issuer, BigInteger serial) {
    Entry {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(serial, "serial");
    }
  }
}
