package org.chancery.core.genesis;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many organisation admins must sign a config transaction (adding an organisation or a
 * validator, changing parameters, revoking a certificate, freezing an account).
 *
 * @param rule majority, all, or threshold
 * @param threshold with {@code threshold}: how many organisations must sign; otherwise 0
 */
public record GovernancePolicy(Rule rule, int threshold) {

  /** The default: more than half of the organisations. */
  public static GovernancePolicy majority() {
    return new GovernancePolicy(Rule.MAJORITY, 0);
  }

  /** Signatures needed with {@code organisations} members. */
  public int required(int organisations) {
    return switch (rule) {
      case MAJORITY -> organisations / 2 + 1;
      case ALL -> organisations;
      case THRESHOLD -> threshold;
    };
  }

  /** The rules a policy can use. */
  public enum Rule {
    @JsonProperty("majority")
    MAJORITY,
    @JsonProperty("all")
    ALL,
    @JsonProperty("threshold")
    THRESHOLD;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Rule fromWireName(String name) {
      for (Rule r : values()) {
        if (r.wireName().equals(name)) {
          return r;
        }
      }
      return null;
    }
  }
}
