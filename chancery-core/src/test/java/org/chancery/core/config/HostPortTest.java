package org.chancery.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

  @Test
  void parsesAndPrintsHostAndPort() {
    HostPort hp = HostPort.parse("127.0.0.1:7100");
    assertThat(hp.host()).isEqualTo("127.0.0.1");
    assertThat(hp.port()).isEqualTo(7100);
    assertThat(hp.isIpLiteral()).isTrue();
    assertThat(hp).hasToString("127.0.0.1:7100");
    assertThat(HostPort.parse("node1.example.org:443").isIpLiteral()).isFalse();
    assertThat(HostPort.parse("[::1]:80").host()).isEqualTo("[::1]");
  }

  @Test
  void rejectsMissingOrBadPort() {
    assertThatThrownBy(() -> HostPort.parse("localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be host:port");
    assertThatThrownBy(() -> HostPort.parse("localhost:http"))
        .hasMessageContaining("is not a number");
    assertThatThrownBy(() -> HostPort.parse("localhost:0"))
        .hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> HostPort.parse(":80")).hasMessageContaining("must be host:port");
  }
}
