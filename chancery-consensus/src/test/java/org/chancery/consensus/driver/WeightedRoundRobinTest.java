package org.chancery.consensus.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.chancery.consensus.types.Validators;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTest {
  private final WeightedRoundRobin rule = new WeightedRoundRobin();

  @Test
  void equalPowersRotateOverHeightAndRoundInNameOrder() {
    Validators v = Validators.of(Map.of("d", 1L, "b", 1L, "a", 1L, "c", 1L));

    assertThat(rule.proposer(v, 0, 0)).isEqualTo("a");
    assertThat(rule.proposer(v, 0, 1)).isEqualTo("b");
    assertThat(rule.proposer(v, 1, 0)).isEqualTo("b");
    assertThat(rule.proposer(v, 1, 3)).isEqualTo("a");
    assertThat(rule.proposer(v, 6, 1)).isEqualTo("d");
  }

  @Test
  void everyValidatorProposesOnceInNConsecutiveRounds() {
    Validators v = Validators.of(Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L));
    Map<String, Integer> count = new HashMap<>();
    for (int r = 0; r < 4; r++) {
      count.merge(rule.proposer(v, 17, r), 1, Integer::sum);
    }
    assertThat(count)
        .containsOnlyKeys("a", "b", "c", "d")
        .allSatisfy((k, n) -> assertThat(n).isOne());
  }

  @Test
  void proposalsFollowVotingPower() {
    Validators v = Validators.of(Map.of("big", 3L, "small", 1L));
    Map<String, Integer> count = new HashMap<>();
    for (long h = 0; h < 400; h++) {
      count.merge(rule.proposer(v, h, 0), 1, Integer::sum);
    }
    assertThat(count).containsEntry("big", 300).containsEntry("small", 100);
  }

  @Test
  void aRoundNeverRepeatsTheProposerOfTheRoundBeforeWithEqualPowers() {
    Validators v = Validators.of(Map.of("a", 1L, "b", 1L, "c", 1L));
    for (int r = 0; r < 10; r++) {
      assertThat(rule.proposer(v, 5, r + 1)).isNotEqualTo(rule.proposer(v, 5, r));
    }
  }

  @Test
  void aNegativeRoundHasNoProposer() {
    Validators v = Validators.of(Map.of("a", 1L));

    assertThatThrownBy(() -> rule.proposer(v, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
