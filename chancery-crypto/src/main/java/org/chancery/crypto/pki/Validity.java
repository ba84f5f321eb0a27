package org.chancery.crypto.pki;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Checks and encodes certificate validity periods. */
final class Validity {
  /** X.509 times are UTCTime from 1950 and GeneralizedTime up to the year 9999 (RFC 5280). */
  static final Instant EARLIEST = Instant.parse("1950-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private Validity() {}

  static void require(Instant notBefore, Instant notAfter, String what) {
    if (notBefore == null || notAfter == null) {
      throw new InvalidCertificateRequestException(
          what + " needs both notBefore and notAfter, got " + notBefore + " and " + notAfter);
    }
    Instant from = seconds(notBefore);
    Instant to = seconds(notAfter);
    if (!from.isBefore(to)) {
      throw new InvalidCertificateRequestException(
          what
              + " would be valid from "
              + from
              + " to "
              + to
              + "; notAfter must come after notBefore (times count in whole seconds)");
    }
    if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
      throw new InvalidCertificateRequestException(
          what
              + " validity "
              + from
              + " to "
              + to
              + " lies outside what X.509 can encode ("
              + EARLIEST
              + " to "
              + LATEST
              + ")");
    }
  }

  static Date date(Instant instant) {
    return Date.from(seconds(instant));
  }

  private static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
