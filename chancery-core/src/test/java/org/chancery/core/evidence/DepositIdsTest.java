package org.chancery.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.chancery.core.Bytes;
import org.chancery.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

class DepositIdsTest {
  private static final CryptoSuite SM = CryptoSuite.byName("sm");
  private static final CryptoSuite NIST = CryptoSuite.byName("nist");
  private static final Bytes TX = Bytes.of(SM.hash(new byte[] {7}));

  @Test
  void idsAreDistinctPerIndexAndPerTransaction() {
    Set<Bytes> ids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      ids.add(DepositIds.of(SM, TX, i));
    }
    ids.add(DepositIds.of(SM, Bytes.of(SM.hash(new byte[] {8})), 0));
    assertThat(ids).hasSize(101);
  }

  @Test
  void idsAreStableAndDependOnTheSuite() {
    assertThat(DepositIds.of(SM, TX, 3)).isEqualTo(DepositIds.of(SM, TX, 3));
    assertThat(DepositIds.of(SM, TX, 0)).isNotEqualTo(DepositIds.of(NIST, TX, 0));
    assertThat(DepositIds.of(SM, TX, 0).length()).isEqualTo(SM.hashLength());
    assertThat(DepositIds.of(NIST, TX, 0).length()).isEqualTo(NIST.hashLength());
    assertThat(DepositIds.of(SM, TX, 0)).isNotEqualTo(TX);
  }

  @Test
  void aNegativeIndexIsRefused() {
    assertThatThrownBy(() -> DepositIds.of(SM, TX, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
