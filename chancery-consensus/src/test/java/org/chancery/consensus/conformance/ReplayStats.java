package org.chancery.consensus.conformance;

import java.util.Map;
import java.util.TreeMap;

/** What one replay compared, for the summary the conformance test prints. */
final class ReplayStats {
  int statesCompared;
  int repeatedStatesSkipped;
  int stepsNotCompared;
  int comparisonPoints;
  final Map<String, Integer> deviations = new TreeMap<>();

  void deviation(String kind) {
    deviations.merge(kind, 1, Integer::sum);
  }

  void add(ReplayStats other) {
    statesCompared += other.statesCompared;
    repeatedStatesSkipped += other.repeatedStatesSkipped;
    stepsNotCompared += other.stepsNotCompared;
    comparisonPoints += other.comparisonPoints;
    other.deviations.forEach((k, v) -> deviations.merge(k, v, Integer::sum));
  }

  @Override
  public String toString() {
    return statesCompared
        + " steps compared"
        + (comparisonPoints == 0 ? "" : " at " + comparisonPoints + " quiescent points")
        + ", "
        + repeatedStatesSkipped
        + " repeated states"
        + (stepsNotCompared == 0 ? "" : ", " + stepsNotCompared + " steps not comparable")
        + (deviations.isEmpty() ? "" : ", documented deviations " + deviations);
  }
}
