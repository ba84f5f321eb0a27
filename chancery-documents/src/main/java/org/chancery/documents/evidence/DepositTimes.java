package org.chancery.documents.evidence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How a deposit time reads on the certificate: in UTC, and in China Standard Time. */
final class DepositTimes {
  /**
   * China Standard Time as a fixed offset, not the {@code Asia/Shanghai} zone: the certificate
   * promises UTC+08:00, and a fixed offset cannot change with a time-zone database update.
   */
  static final ZoneOffset CHINA_STANDARD_TIME = ZoneOffset.ofHours(8);

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private DepositTimes() {}

  /**
   * For example {@code 2026-12-04 20:37:03 UTC / 2026-12-05 04:37:03 CST (UTC+08:00)}. Fractions of
   * a second are cut, not rounded, so the printed second is the one the deposit happened in.
   */
  static String bothZones(Instant time) {
    Instant seconds = time.truncatedTo(ChronoUnit.SECONDS);
    return FORMAT.format(seconds.atOffset(ZoneOffset.UTC))
        + " UTC / "
        + FORMAT.format(seconds.atOffset(CHINA_STANDARD_TIME))
        + " CST (UTC+08:00)";
  }
}
