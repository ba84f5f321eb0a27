package org.chancery.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chancery.crypto.pki.PkiFixtures.LEAF_NOT_AFTER;
import static org.chancery.crypto.pki.PkiFixtures.LEAF_NOT_BEFORE;
import static org.chancery.crypto.pki.PkiFixtures.TLS_SUITE;

import java.util.ArrayList;
import java.util.List;
import org.chancery.crypto.EcPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateRequestTest {
  private final EcPublicKey key = TLS_SUITE.generateKeyPair().publicKey();

  private CertificateRequest withNames(List<String> dns, List<String> ips) {
    return new CertificateRequest(
        "node1", MemberRole.NODE, key, dns, ips, LEAF_NOT_BEFORE, LEAF_NOT_AFTER);
  }

  @Test
  void rejectsNotAfterBeforeNotBefore() {
    assertThatThrownBy(
            () ->
                new CertificateRequest(
                    "node1",
                    MemberRole.NODE,
                    key,
                    List.of(),
                    List.of(),
                    LEAF_NOT_AFTER,
                    LEAF_NOT_BEFORE))
        .isInstanceOf(InvalidCertificateRequestException.class)
        .hasMessageContaining("notAfter must come after notBefore");
  }

  @Test
  void rejectsValidityShorterThanOneSecond() {
    assertThatThrownBy(
            () ->
                new CertificateRequest(
                    "node1",
                    MemberRole.NODE,
                    key,
                    List.of(),
                    List.of(),
                    LEAF_NOT_BEFORE,
                    LEAF_NOT_BEFORE.plusMillis(500)))
        .isInstanceOf(InvalidCertificateRequestException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "tab\tname"})
  void rejectsUnusableCommonName(String commonName) {
    assertThatThrownBy(
            () ->
                new CertificateRequest(
                    commonName,
                    MemberRole.CLIENT,
                    key,
                    List.of(),
                    List.of(),
                    LEAF_NOT_BEFORE,
                    LEAF_NOT_AFTER))
        .isInstanceOf(InvalidCertificateRequestException.class);
  }

  @Test
  void acceptsCommonNameOfAUserAtALongOrganisationId() {
    String commonName = "u".repeat(63) + "@" + "o".repeat(63);
    CertificateRequest request =
        new CertificateRequest(
            commonName,
            MemberRole.CLIENT,
            key,
            List.of(),
            List.of(),
            LEAF_NOT_BEFORE,
            LEAF_NOT_AFTER);
    assertThat(request.commonName()).isEqualTo(commonName);
  }

  @ParameterizedTest
  @ValueSource(strings = {"node_1.example", "-node.example", "node..example", "a b", "*", "节点.cn"})
  void rejectsMalformedDnsName(String dnsName) {
    assertThatThrownBy(() -> withNames(List.of(dnsName), List.of()))
        .isInstanceOf(InvalidCertificateRequestException.class)
        .hasMessageContaining(dnsName);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "node1.tax.example", "*.tax.example", "xn--fiq228c.cn"})
  void acceptsDnsNames(String dnsName) {
    assertThat(withNames(List.of(dnsName), List.of()).dnsNames()).containsExactly(dnsName);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.256", "node1.example", "10.0.0.0/8", ""})
  void rejectsMalformedIpAddress(String address) {
    assertThatThrownBy(() -> withNames(List.of(), List.of(address)))
        .isInstanceOf(InvalidCertificateRequestException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.0.0.11", "::1", "2001:db8::11"})
  void acceptsIpv4AndIpv6Literals(String address) {
    assertThat(withNames(List.of(), List.of(address)).ipAddresses()).containsExactly(address);
  }

  @Test
  void keepsItsOwnCopyOfTheNameLists() {
    List<String> dns = new ArrayList<>(List.of("node1.example"));
    CertificateRequest request = withNames(dns, List.of());
    dns.add("evil.example");
    assertThat(request.dnsNames()).containsExactly("node1.example");
  }
}
