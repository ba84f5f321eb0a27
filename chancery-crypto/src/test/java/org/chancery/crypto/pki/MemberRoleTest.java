package org.chancery.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemberRoleTest {

  @Test
  void rolesAreWrittenAsLowercaseWords() {
    assertThat(MemberRole.NODE.ou()).isEqualTo("node");
    assertThat(MemberRole.ADMIN.ou()).isEqualTo("admin");
    assertThat(MemberRole.CLIENT.ou()).isEqualTo("client");
    assertThat(MemberRole.REGULATOR.ou()).isEqualTo("regulator");
  }

  @ParameterizedTest
  @EnumSource(MemberRole.class)
  void fromOuReadsBackWhatOuWrites(MemberRole role) {
    assertThat(MemberRole.fromOu(role.ou())).isEqualTo(role);
  }

  @ParameterizedTest
  @ValueSource(strings = {"peer", "Admin", "NODE", "", " node"})
  void fromOuRejectsAnythingElseAsMalformed(String ou) {
    assertThatThrownBy(() -> MemberRole.fromOu(ou))
        .isInstanceOf(MalformedCertificateException.class)
        .hasMessageContaining("'" + ou + "'")
        .hasMessageContaining("node, admin, client, regulator");
  }

  @Test
  void fromOuRejectsNullAsMalformed() {
    assertThatThrownBy(() -> MemberRole.fromOu(null))
        .isInstanceOf(MalformedCertificateException.class);
  }
}
