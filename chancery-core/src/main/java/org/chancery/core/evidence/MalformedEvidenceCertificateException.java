package org.chancery.core.evidence;

/**
 * An evidence certificate that cannot be read: not JSON, another schema version, or a field missing
 * or of the wrong type. The message names the field.
 */
public final class MalformedEvidenceCertificateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedEvidenceCertificateException(String message) {
    super(message);
  }

  public MalformedEvidenceCertificateException(String message, Throwable cause) {
    super(message, cause);
  }
}
