package org.chancery.network.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.chancery.crypto.CryptoException;
import org.chancery.crypto.pki.CertificateValidator;
import org.chancery.crypto.pki.ExpiredCertificateException;
import org.chancery.crypto.pki.MemberIdentity;
import org.chancery.crypto.pki.MemberRole;
import org.chancery.crypto.pki.NotYetValidCertificateException;
import org.chancery.crypto.pki.RevocationSet;
import org.chancery.crypto.pki.RevokedCertificateException;
import org.chancery.crypto.pki.UntrustedCertificateException;
import org.chancery.crypto.pki.WrongRoleException;
import org.chancery.network.PeerId;

/**
 * Decides whether a TLS certificate belongs to one of this node's peers, and which one.
 *
 * <p>A peer certificate is accepted when {@link CertificateValidator} accepts it against the
 * organisations' TLS CAs at the clock's instant with role {@link MemberRole#NODE} (so it chains to
 * a trusted CA, that CA issued it for its own organisation, neither is revoked or expired), its
 * extended key usage (if any) allows the side of TLS it is used on, its common name is a configured
 * peer, and, when that peer is configured with an organisation, the certificate's organisation is
 * that one. An outbound connection also requires the common name to be the peer this node dialled:
 * the host name is not checked, the node name is, because peers are configured by name.
 *
 * <p>Immutable and thread-safe; {@link #withRevocations} returns a new verifier.
 *
 * <pre>{@code
 * PeerVerifier verifier = new PeerVerifier(tls.trustedCas(), RevocationSet.empty(),
 *     Set.of("node2", "node3"), Map.of("node2", "court"), Clock.systemUTC());
 * PeerId who = verifier.verifyClient(chain);           // inbound: any configured peer
 * verifier.verifyServer(chain, "node2");                // outbound: exactly node2
 * }</pre>
 */
public final class PeerVerifier {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private final List<X509Certificate> trustedCas;
  private final RevocationSet revoked;
  private final CertificateValidator validator;
  private final Set<String> peerNames;
  private final Map<String, String> pinnedOrganisations;
  private final Clock clock;

  /**
   * @param trustedCas every organisation's TLS CA certificate
   * @param revoked certificates to refuse
   * @param peerNames the node names this node talks to
   * @param pinnedOrganisations for some peers, the organisation their certificate must name
   * @param clock the time certificates must be valid at
   */
  public PeerVerifier(
      List<X509Certificate> trustedCas,
      RevocationSet revoked,
      Set<String> peerNames,
      Map<String, String> pinnedOrganisations,
      Clock clock) {
    this.trustedCas = List.copyOf(trustedCas);
    this.revoked = Objects.requireNonNull(revoked, "revoked");
    this.validator = new CertificateValidator(this.trustedCas, revoked);
    this.peerNames = Set.copyOf(peerNames);
    this.pinnedOrganisations = Map.copyOf(pinnedOrganisations);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** This verifier with another revocation set. */
  public PeerVerifier withRevocations(RevocationSet revocations) {
    return new PeerVerifier(trustedCas, revocations, peerNames, pinnedOrganisations, clock);
  }

  /**
   * Checks the chain a dialling peer presented (server side of TLS).
   *
   * @throws PeerRejectedException saying why it is not one of this node's peers
   */
  public PeerId verifyClient(X509Certificate[] chain) throws PeerRejectedException {
    return verifyPeer(leafOf(chain), CLIENT_AUTH);
  }

  /**
   * Checks the chain the server presented when this node dialled {@code expectedPeer}.
   *
   * @throws PeerRejectedException saying why it is not {@code expectedPeer}
   */
  public PeerId verifyServer(X509Certificate[] chain, String expectedPeer)
      throws PeerRejectedException {
    X509Certificate leaf = leafOf(chain);
    PeerId peer = verifyPeer(leaf, SERVER_AUTH);
    if (!peer.nodeName().equals(expectedPeer)) {
      throw new PeerRejectedException(
          RejectionReason.UNEXPECTED_PEER,
          subject(leaf),
          "dialled peer "
              + expectedPeer
              + " but the server presented the certificate of "
              + peer.nodeName()
              + "; the address configured for "
              + expectedPeer
              + " points at another node");
    }
    return peer;
  }

  /**
   * Checks this node's own certificate the way its peers will, so a node with an expired, revoked
   * or misnamed certificate fails at start with the reason instead of being refused by everyone.
   *
   * @throws PeerRejectedException if peers would refuse it
   */
  public void verifyOwn(X509Certificate own, String nodeName, String organisation)
      throws PeerRejectedException {
    MemberIdentity identity = validate(own);
    requireUsage(own, CLIENT_AUTH);
    requireUsage(own, SERVER_AUTH);
    if (!identity.commonName().equals(nodeName) || !identity.organisation().equals(organisation)) {
      throw new PeerRejectedException(
          RejectionReason.UNEXPECTED_PEER,
          subject(own),
          "this node is configured as "
              + nodeName
              + " of "
              + organisation
              + " but its TLS certificate names "
              + identity.commonName()
              + " of "
              + identity.organisation()
              + "; use the tls/cert.pem network init wrote for this node");
    }
  }

  /**
   * Whether {@code certificate} or the trusted CA that issued it is revoked now. Cheap enough to
   * ask for every message of a long-lived stream.
   */
  public boolean isRevoked(X509Certificate certificate) {
    if (revoked.size() == 0) {
      return false;
    }
    if (revoked.contains(certificate)) {
      return true;
    }
    return trustedCas.stream()
        .anyMatch(
            ca ->
                ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && revoked.contains(ca));
  }

  private PeerId verifyPeer(X509Certificate leaf, String usage) throws PeerRejectedException {
    MemberIdentity identity = validate(leaf);
    requireUsage(leaf, usage);
    String name = identity.commonName();
    if (!peerNames.contains(name)) {
      throw new PeerRejectedException(
          RejectionReason.UNKNOWN_PEER,
          subject(leaf),
          "node "
              + name
              + " of "
              + identity.organisation()
              + " is not one of this node's configured peers "
              + new TreeSet<>(peerNames)
              + "; add it to the peers in node.yaml if it belongs to the network");
    }
    String pinned = pinnedOrganisations.get(name);
    if (pinned != null && !pinned.equals(identity.organisation())) {
      throw new PeerRejectedException(
          RejectionReason.WRONG_ORGANISATION,
          subject(leaf),
          "peer "
              + name
              + " belongs to "
              + pinned
              + " but this certificate was issued by the TLS CA of "
              + identity.organisation()
              + "; one organisation cannot vouch for another's node");
    }
    return new PeerId(name, identity.organisation());
  }

  private MemberIdentity validate(X509Certificate leaf) throws PeerRejectedException {
    try {
      return validator.validate(leaf, clock.instant(), Set.of(MemberRole.NODE));
    } catch (CryptoException e) {
      throw new PeerRejectedException(reasonFor(e), subject(leaf), e.getMessage());
    }
  }

  private static RejectionReason reasonFor(CryptoException e) {
    return switch (e) {
      case UntrustedCertificateException u -> RejectionReason.UNTRUSTED_ISSUER;
      case RevokedCertificateException r -> RejectionReason.REVOKED;
      case ExpiredCertificateException x -> RejectionReason.EXPIRED;
      case NotYetValidCertificateException n -> RejectionReason.NOT_YET_VALID;
      case WrongRoleException w -> RejectionReason.WRONG_ROLE;
      default -> RejectionReason.MALFORMED;
    };
  }

  private static void requireUsage(X509Certificate leaf, String usage)
      throws PeerRejectedException {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new PeerRejectedException(
          RejectionReason.MALFORMED,
          subject(leaf),
          "the extended key usage of the certificate does not parse: " + e.getMessage());
    }
    if (usages != null && !usages.contains(usage) && !usages.contains(ANY_USAGE)) {
      throw new PeerRejectedException(
          RejectionReason.WRONG_KEY_USAGE,
          subject(leaf),
          "the certificate's extended key usage does not allow "
              + (usage.equals(SERVER_AUTH) ? "serverAuth" : "clientAuth")
              + "; node TLS certificates need both (issue it with role node)");
    }
  }

  private static X509Certificate leafOf(X509Certificate[] chain) throws PeerRejectedException {
    if (chain == null || chain.length == 0) {
      throw new PeerRejectedException(
          RejectionReason.NO_CERTIFICATE,
          "(none)",
          "the peer presented no TLS certificate; peers must present their tls/cert.pem");
    }
    return chain[0];
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().toString();
  }
}
