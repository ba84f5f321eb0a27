package org.chancery.node.api;

import java.util.List;
import java.util.Locale;

/** Content negotiation by the {@code Accept} header (RFC 9110 section 12.5.1), kept small. */
final class MediaTypes {
  private MediaTypes() {}

  /**
   * The offered type the client prefers: the highest quality given by the most specific matching
   * range, the first offered on a tie; null if the client accepts none of them. No header, or an
   * empty one, accepts anything.
   */
  static String choose(String accept, List<String> offered) {
    if (accept == null || accept.isBlank()) {
      return offered.get(0);
    }
    String best = null;
    double bestQ = 0;
    for (String type : offered) {
      double q = quality(accept, type.toLowerCase(Locale.ROOT));
      if (q > bestQ) {
        best = type;
        bestQ = q;
      }
    }
    return best;
  }

  /** The quality {@code accept} gives {@code type}: 0 if no range matches. */
  private static double quality(String accept, String type) {
    int bestSpecificity = -1;
    double q = 0;
    String major = type.substring(0, type.indexOf('/'));
    for (String element : accept.split(",")) {
      String[] parts = element.split(";");
      String range = parts[0].trim().toLowerCase(Locale.ROOT);
      int specificity;
      if (range.equals(type)) {
        specificity = 2;
      } else if (range.equals(major + "/*")) {
        specificity = 1;
      } else if (range.equals("*/*") || range.equals("*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        q = qOf(parts);
      }
    }
    return q;
  }

  private static double qOf(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=") || p.startsWith("Q=")) {
        try {
          double q = Double.parseDouble(p.substring(2));
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
