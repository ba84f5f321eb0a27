package org.chancery.ledger.mempool;

import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.chancery.core.Bytes;
import org.chancery.core.tx.InvalidTransactionException;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.JcaBridge;
import org.chancery.crypto.pki.CertificateValidator;
import org.chancery.crypto.pki.MemberIdentity;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.RevocationSet;

/**
 * Validates transaction creators' certificates against the members' identity CAs, with a bounded
 * cache: a certificate's chain signature is checked once, then only its validity period and
 * revocation on each use, which keeps the per-transaction cost at one signature verification.
 * Thread-safe.
 */
public final class MemberCertificates {
  private final CertificateValidator validator;
  private final RevocationSet revoked;
  private final CryptoSuite suite;
  private final int capacity;
  private final Map<Bytes, Known> cache;

  /**
   * A validated certificate with what every later use checks, read once: decoding a certificate's
   * dates or issuer on every transaction costs more than the lookup itself.
   */
  private record Known(
      MemberIdentity identity, Instant notBefore, Instant notAfter, boolean revoked) {}

  /**
   * @param identityCas the identity CA certificates of every member organisation
   * @param revoked revoked certificates
   * @param suite the chain's suite, whose curve every member key must be on
   * @param capacity most certificates to remember
   */
  public MemberCertificates(
      Collection<X509Certificate> identityCas,
      RevocationSet revoked,
      CryptoSuite suite,
      int capacity) {
    this.validator = new CertificateValidator(identityCas, revoked);
    this.revoked = revoked;
    this.suite = suite;
    this.capacity = capacity;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Bytes, Known> eldest) {
            return size() > MemberCertificates.this.capacity;
          }
        };
  }

  /**
   * The member a DER certificate identifies, valid at {@code at} with one of {@code roles}.
   *
   * @throws InvalidTransactionException {@code unknown-member} (not from a member CA, malformed),
   *     {@code certificate-expired}, {@code certificate-revoked} or {@code unauthorised} (role)
   */
  public MemberIdentity validate(byte[] der, Instant at, Set<MemberRole> roles) {
    return validate(Bytes.of(der), at, roles);
  }

  /**
   * As {@link #validate(byte[], Instant, Set)}, for a certificate already held as {@link Bytes} (as
   * a transaction body holds it), without copying it.
   */
  public MemberIdentity validate(Bytes der, Instant at, Set<MemberRole> roles) {
    // The DER itself is the key: comparing a few hundred bytes is cheaper than hashing them.
    Bytes key = der;
    Known known;
    synchronized (cache) {
      known = cache.get(key);
    }
    if (known == null) {
      MemberIdentity validated = validateFully(der.toArray(), at);
      X509Certificate cert = validated.certificate();
      known =
          new Known(
              validated,
              cert.getNotBefore().toInstant(),
              cert.getNotAfter().toInstant(),
              revoked.contains(cert));
      synchronized (cache) {
        cache.put(key, known);
      }
    } else {
      if (at.isAfter(known.notAfter())) {
        throw new InvalidTransactionException(
            "certificate-expired",
            "creator certificate '"
                + known.identity().commonName()
                + "' expired at "
                + known.notAfter());
      }
      if (at.isBefore(known.notBefore())) {
        throw new InvalidTransactionException(
            "certificate-not-yet-valid",
            "creator certificate '"
                + known.identity().commonName()
                + "' is valid only from "
                + known.notBefore());
      }
      if (known.revoked()) {
        throw new InvalidTransactionException(
            "certificate-revoked",
            "creator certificate '" + known.identity().commonName() + "' is revoked");
      }
    }
    MemberIdentity identity = known.identity();
    if (!roles.contains(identity.role())) {
      throw new InvalidTransactionException(
          "unauthorised",
          "role '"
              + identity.role().ou()
              + "' of '"
              + identity.commonName()
              + "' may not submit transactions; allowed roles: "
              + roles.stream().map(MemberRole::ou).sorted().toList());
    }
    if (identity.publicKey().curve() != suite.curve()) {
      throw new InvalidTransactionException(
          "unknown-member",
          "creator key is on "
              + identity.publicKey().curve().curveName()
              + ", the chain uses "
              + suite.curve().curveName());
    }
    return identity;
  }

  private MemberIdentity validateFully(byte[] der, Instant at) {
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509", JcaBridge.provider())
                  .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new InvalidTransactionException(
          "unknown-member", "creator certificate is not a DER X.509 certificate", e);
    }
    try {
      return validator.validate(cert, at);
    } catch (CryptoException e) {
      String code =
          switch (e.code()) {
            case "certificate-expired", "certificate-not-yet-valid", "certificate-revoked" ->
                e.code();
            default -> "unknown-member";
          };
      throw new InvalidTransactionException(code, "creator certificate: " + e.getMessage(), e);
    }
  }
}
