package org.chancery.consensus.votekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void exactlyTwoThirdsIsNotAQuorum() {
    assertThat(Thresholds.BFT.isQuorum(2, 3)).isFalse();
    assertThat(Thresholds.BFT.isQuorum(3, 3)).isTrue();
  }

  @Test
  void exactlyOneThirdDoesNotSkip() {
    assertThat(Thresholds.BFT.isSkip(1, 3)).isFalse();
    assertThat(Thresholds.BFT.isSkip(2, 3)).isTrue();
  }
}
