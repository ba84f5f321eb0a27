package org.chancery.node.api;

import java.util.List;
import org.chancery.core.block.CommitCertificate;
import org.chancery.core.evidence.DepositRecord;
import org.chancery.core.evidence.EvidenceCertificate;
import org.chancery.core.genesis.Genesis;
import org.chancery.core.genesis.OrganisationEntry;
import org.chancery.crypto.CryptoSuite;
import org.chancery.documents.evidence.CertificateFacts;
import org.chancery.documents.evidence.CertificatePdf;

/**
 * The court-ready PDF of an evidence certificate, for {@code Accept: application/pdf}: the facts in
 * plain Chinese and English, a QR code, and the exact JSON certificate as an attachment, so {@code
 * chancery verify} checks the PDF alone. The facts are read from the certificate and named with the
 * genesis (organisation names); they are for people, the attachment is what verifies.
 *
 * <pre>{@code
 * CertificateRenderer pdf = new PdfCertificateRenderer(genesis);
 * byte[] document = pdf.render(certificate, EvidenceCertificateJson.encode(certificate));
 * }</pre>
 */
public final class PdfCertificateRenderer implements CertificateRenderer {
  private final Genesis genesis;
  private final CryptoSuite suite;

  public PdfCertificateRenderer(Genesis genesis) {
    this.genesis = genesis;
    this.suite = CryptoSuite.byName(genesis.suite());
  }

  @Override
  public String mediaType() {
    return "application/pdf";
  }

  @Override
  public byte[] render(EvidenceCertificate certificate, byte[] json) {
    return CertificatePdf.render(facts(certificate, json), json);
  }

  /** The facts the PDF shows, from the certificate the node just assembled. */
  CertificateFacts facts(EvidenceCertificate c, byte[] json) {
    DepositRecord d = c.deposit();
    List<String> signers =
        CommitCertificate.decode(c.commitCertificate().toArray()).signatures().stream()
            .map(CommitCertificate.CommitSignature::validator)
            .sorted()
            .toList();
    String orgName =
        genesis.organisations().stream()
            .filter(o -> o.id().equals(d.depositor().organisation()))
            .map(OrganisationEntry::name)
            .findFirst()
            .orElse(d.depositor().organisation());
    return new CertificateFacts(
        d.depositId().hex(),
        d.request().digest().hex(),
        suite.hashAlgorithm(),
        d.request().size(),
        d.request().mediaType(),
        d.request().fileName(),
        d.request().label(),
        d.request().previous() == null ? null : d.request().previous().hex(),
        d.time(),
        d.depositor().organisation(),
        orgName,
        d.depositor().name(),
        d.depositor().role(),
        c.chainId(),
        c.genesisHash().hex(),
        c.block().height(),
        c.block().hash().hex(),
        c.transaction().txId().hex(),
        signers,
        genesis.validators().size(),
        java.util.HexFormat.of().formatHex(suite.hash(json)));
  }
}
