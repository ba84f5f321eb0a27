package org.chancery.consensus.driver;

import org.chancery.consensus.types.Validators;

/**
 * {@code proposer(h, r)} of Algorithm 1: a deterministic function every validator evaluates alike,
 * so all agree who may propose in each height and round.
 */
@FunctionalInterface
public interface ProposerSelector {

  /** The name of the validator that proposes in {@code round} of {@code height}. */
  String proposer(Validators validators, long height, int round);
}
