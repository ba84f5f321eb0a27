package org.chancery.core.genesis;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How blocks are decided. */
public enum ConsensusType {
  /** Tendermint BFT among the validators; tolerates f Byzantine of 3f+1. */
  @JsonProperty("bft")
  BFT,
  /** One validator cuts and signs blocks; for development and single-organisation pilots. */
  @JsonProperty("solo")
  SOLO;

  /** The name used in YAML and JSON. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@code bft} or {@code solo}; returns null for anything else. */
  public static ConsensusType fromWireName(String name) {
    for (ConsensusType t : values()) {
      if (t.wireName().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
