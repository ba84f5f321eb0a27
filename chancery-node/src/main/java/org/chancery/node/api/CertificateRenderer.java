package org.chancery.node.api;

import org.chancery.core.evidence.EvidenceCertificate;

/**
 * Renders an evidence certificate in a form other than its JSON, for {@code GET
 * /v1/evidence/{depositId}/certificate} with an {@code Accept} header naming {@link #mediaType()}
 * (for example a printable PDF that embeds the JSON). The node lists its renderers in {@link
 * ApiContext#certificateRenderers()}; the JSON form needs none.
 */
public interface CertificateRenderer {

  /** The media type this renderer produces, for example {@code application/pdf}. */
  String mediaType();

  /**
   * Renders {@code certificate}.
   *
   * @param json the certificate's canonical JSON, {@code EvidenceCertificateJson.encode}
   */
  byte[] render(EvidenceCertificate certificate, byte[] json);
}
