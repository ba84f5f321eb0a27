package org.chancery.consensus.types;

import org.chancery.core.Bytes;

/** What validators send each other during consensus. */
public sealed interface ConsensusMessage permits SignedProposal, SignedVote {

  long height();

  int round();

  /** The validator that signed it. */
  String sender();

  /** The sender's signature. */
  Bytes signature();
}
